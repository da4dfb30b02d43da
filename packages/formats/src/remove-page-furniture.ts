// Drops running headers, footers and page numbers from the lines of a multi-page PDF.
import type { PdfLine } from './pdf-line.js';

// How many lines at the top and at the bottom of a page may be furniture.
const edgeLines = 2;

const dash = '[-－—–─~～]';
// Page numbers in the forms Chinese documents use: "- 3 -", "— 3 —", "第3页", "第 3 页 共 9 页", "3/9", "Page 3".
const decoratedPageNumber = new RegExp(
  [
    `^${dash}+\\s*\\d+\\s*${dash}+$`,
    '^第\\s*\\d+\\s*页(\\s*[,，/、]?\\s*共\\s*\\d+\\s*页)?$',
    '^共\\s*\\d+\\s*页\\s*[,，/、]?\\s*第\\s*\\d+\\s*页$',
    '^\\d+\\s*/\\s*\\d+$',
    '^(page|p\\.)\\s*\\d+(\\s*(of|/)\\s*\\d+)?$',
  ].join('|'),
  'i',
);
const barePageNumber = /^\d{1,4}$/;

/** True for a line that is nothing but a page number. */
export function isPageNumber(text: string, atPageEdge: boolean): boolean {
  const compact = text.trim();
  return decoratedPageNumber.test(compact) || (atPageEdge && barePageNumber.test(compact));
}

/**
 * The pages without furniture: lines at a page's top or bottom that repeat (digits aside) on at least half the
 * pages, decorated page numbers anywhere, and bare numbers at a page's top or bottom.
 */
export function removePageFurniture(pages: readonly (readonly PdfLine[])[]): PdfLine[][] {
  const repeated = repeatedEdgeLines(pages);
  return pages.map((lines) =>
    lines.filter((line, index) => {
      const atEdge = index < edgeLines || index >= lines.length - edgeLines;
      if (isPageNumber(line.text, atEdge)) return false;
      return !(atEdge && repeated.has(furnitureKey(line.text)));
    }),
  );
}

function repeatedEdgeLines(pages: readonly (readonly PdfLine[])[]): Set<string> {
  const repeated = new Set<string>();
  if (pages.length < 2) return repeated;
  const pageCounts = new Map<string, number>();
  for (const lines of pages) {
    const keys = new Set(
      lines.filter((_, index) => index < edgeLines || index >= lines.length - edgeLines).map((line) => furnitureKey(line.text)),
    );
    for (const key of keys) pageCounts.set(key, (pageCounts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(2, Math.ceil(pages.length / 2));
  for (const [key, count] of pageCounts) if (count >= threshold && key.length > 0) repeated.add(key);
  return repeated;
}

// Headers often carry the page number ("海东市人民政府文件 第3页"), so digits do not tell pages apart.
function furnitureKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/\d+/g, '#');
}
