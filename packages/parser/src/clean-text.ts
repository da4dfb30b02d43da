// Cleans a report or an excerpt for indexing and keeps a map from every cleaned character back to its offset.
import { cleanLine, type CleanedText } from './clean-line.js';
import { continuesPreviousLine } from './continues-previous-line.js';
import { isPageNumber } from './is-page-number.js';
import { splitLines } from './split-lines.js';

export type { CleanedText } from './clean-line.js';

/**
 * Removes markdown markers and spaces between Chinese characters, joins lines cut by a page break
 * (the previous line does not end a sentence), drops PDF page numbers (— 2 —), and separates other lines with one '\n'.
 * map[i] is the offset in raw of text[i]; a '\n' maps to the line break it stands for.
 */
export function cleanText(raw: string): CleanedText {
  return cleanRange(raw, 0, raw.length, true);
}

/** cleanText of source.slice(start, end) without copying it; offsets index source. Passages skip the map. */
export function cleanRange(source: string, start: number, end: number, withMap: boolean): CleanedText {
  const parts: string[] = [];
  const map: number[] = [];
  let previous = '';
  let previousEnd = 0;
  for (const line of splitLines(source, start, end)) {
    const cleaned = cleanLine(source, line.start, line.end, withMap);
    if (cleaned.text.length === 0 || isPageNumber(cleaned.text)) continue;
    if (parts.length > 0 && !continuesPreviousLine(previous, cleaned.text)) {
      parts.push('\n');
      if (withMap) map.push(previousEnd);
    }
    parts.push(cleaned.text);
    if (withMap) for (const offset of cleaned.map) map.push(offset);
    previous = cleaned.text;
    previousEnd = line.end;
  }
  return { text: parts.join(''), map };
}
