// Decides whether a line continues the previous one: a PDF page or column break inside a sentence.
import { LINE_TERMINATORS } from './character-classes.js';
import { startsWithHeadingNumber } from './detect-heading.js';

/** Lines shorter than this are titles, addressees, signatures or headings, never a paragraph cut by a page break. */
const MIN_BROKEN_LINE_LENGTH = 24;
const MAX_HEADING_LINE = 60;
const TITLE_ENDING = /(?:报告|汇报|总结|通知|意见|方案|報告|彙報|匯報)[》”」]?$/;

/** Both arguments are cleaned lines (see cleanLine). */
export function continuesPreviousLine(previous: string, next: string): boolean {
  if (previous.length < MIN_BROKEN_LINE_LENGTH || next.length === 0) return false;
  const last = lastMeaningfulChar(previous);
  if (last === '' || LINE_TERMINATORS.has(last)) return false;
  if (startsWithHeadingNumber(next)) return false;
  // A numbered heading line stands alone even when it has no stop: 「一、提高政治站位，坚决扛牢第一责任人职责」.
  if (previous.length <= MAX_HEADING_LINE && startsWithHeadingNumber(previous)) return false;
  // A title line is complete even without a stop: 「…工作情况的报告」 then 「省人民政府：」.
  if (TITLE_ENDING.test(previous)) return false;
  return true;
}

function lastMeaningfulChar(line: string): string {
  for (let index = line.length - 1; index >= 0; index -= 1) {
    const char = line[index] ?? '';
    // A closing quote or bracket after a full stop still ends the sentence: look through it.
    if (char === '”' || char === '」' || char === '』' || char === '’' || char === '"' || char === '*') {
      const before = line[index - 1] ?? '';
      if (LINE_TERMINATORS.has(before)) return before;
      if (char === '*') continue;
      return char;
    }
    return char;
  }
  return '';
}
