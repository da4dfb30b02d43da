// A report's original text as shown in the source view: markdown markers and the spaces PDF/OCR put between Chinese
// characters removed, line breaks kept, and a map from every shown character back to its offset in the original.
// Each line is cleaned by the parser's own line cleaning (its `clean-line` export, which has no other dependency).
import { cleanLine } from '@report-qa/parser/clean-line';

export interface DisplayText {
  text: string;
  /** map[i] is the offset in the original of text[i]. */
  map: number[];
}

export function displayOriginal(original: string): DisplayText {
  const out: DisplayText = { text: '', map: [] };
  const lineBreak = /\r\n|\n|\r/g;
  let start = 0;
  for (;;) {
    const match = lineBreak.exec(original);
    const end = match ? match.index : original.length;
    const line = cleanLine(original, start, end);
    out.text += line.text;
    for (const offset of line.map) out.map.push(offset);
    if (!match) break;
    out.text += '\n';
    out.map.push(end);
    start = end + match[0].length;
  }
  return out;
}

/** The first index whose offset is at or after `offset` (map is increasing). */
function lowerBound(map: readonly number[], offset: number): number {
  let low = 0;
  let high = map.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (map[middle]! < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Where original.slice(start, end) is in the shown text, or null when nothing of it is shown. */
export function displayRange(display: DisplayText, start: number, end: number): [number, number] | null {
  const from = lowerBound(display.map, start);
  let to = lowerBound(display.map, end);
  // A passage ends before a line break: the break is not part of the highlight.
  while (to > from && display.text[to - 1] === '\n') to -= 1;
  return from < to ? [from, to] : null;
}
