// Turns an exact report excerpt into text fit to show: the parser's cleaning (markdown, stray spaces, page breaks), on one line.
import { cleanText } from '@report-qa/parser';

/** A cleaned, single-line version of an excerpt; every figure of the excerpt is kept. */
export function displayText(raw: string): string {
  let shown = memo.get(raw);
  if (shown === undefined) {
    shown = cleanText(raw)
      .text.replace(/(?<=[A-Za-z0-9])\n(?=[A-Za-z0-9])/gu, ' ')
      .replace(/\n/gu, '')
      .trim();
    // Report excerpts recur from question to question: their cleaned forms are kept (bounded).
    if (memo.size >= memoSize) memo.clear();
    memo.set(raw, shown);
  }
  return shown;
}

const memoSize = 20_000;
const memo = new Map<string, string>();
