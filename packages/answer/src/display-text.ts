// Turns an exact report excerpt into text fit to show: the parser's cleaning (markdown, stray spaces, page breaks), on one line.
import { cleanText } from '@report-qa/parser';
import { memoizeText } from './memoize-text.js';

/** A cleaned, single-line version of an excerpt; every figure of the excerpt is kept (report excerpts recur: kept per text). */
export const displayText: (raw: string) => string = memoizeText((raw) =>
  cleanText(raw)
    .text.replace(/(?<=[A-Za-z0-9])\n(?=[A-Za-z0-9])/gu, ' ')
    .replace(/\n/gu, '')
    .trim(),
);
