// Recognises the page numbers a PDF extraction leaves between lines (— 2 —, 第2页 共5页, 3/12), which must not split a paragraph.

const PAGE_NUMBER = /^(?:[-—–－~～\s]*\d{1,4}[-—–－~～\s]*|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*\/\s*\d{1,4}|[-—–－]\s*[一二三四五六七八九十]+\s*[-—–－])$/;

/** line is a cleaned line. */
export function isPageNumber(line: string): boolean {
  return line.length <= 16 && PAGE_NUMBER.test(line);
}
