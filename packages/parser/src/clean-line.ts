// Cleans one line for indexing (markdown markers, OCR spaces between Chinese characters) and maps each kept character back.
import { isCjkLike, isSpace } from './character-classes.js';

export interface CleanedText {
  /** The cleaned text. */
  text: string;
  /** map[i] is the offset in the input of text[i]; map.length === text.length. */
  map: number[];
}

const HORIZONTAL_RULE = /^[\s\-*_=]{3,}$/;

// Characters that cleaning may remove or change; a line without any is already clean.
const NEEDS_CLEANING = /[\s*_#>+\-\u2000-\u200b\u2022\u3000\ufeff]/;

/** Cleans source.slice(start, end), which must not hold a line break; offsets in the map index source. */
export function cleanLine(source: string, start = 0, end = source.length, withMap = true): CleanedText {
  const line = source.slice(start, end);
  if (!NEEDS_CLEANING.test(line)) {
    const map = withMap ? new Array<number>(line.length) : [];
    if (withMap) for (let index = 0; index < line.length; index += 1) map[index] = start + index;
    return { text: line, map };
  }
  let index = skipLinePrefix(source, start, end);
  if (index >= end || HORIZONTAL_RULE.test(source.slice(index, end))) return { text: '', map: [] };
  let text = '';
  const map: number[] = [];
  let previousCode = -1;
  let pendingSpace = -1;
  while (index < end) {
    const code = source.charCodeAt(index);
    // Markdown emphasis (** or __) goes; a single * or _ may be real text.
    if (code === 0x2a || code === 0x5f) {
      let runEnd = index + 1;
      while (runEnd < end && source.charCodeAt(runEnd) === code) runEnd += 1;
      if (runEnd - index >= 2) {
        index = runEnd;
        continue;
      }
    }
    if (isSpace(code)) {
      if (pendingSpace < 0) pendingSpace = index;
      index += 1;
      continue;
    }
    // Spaces next to Chinese text are OCR or layout noise; between Latin words one space stays.
    if (pendingSpace >= 0) {
      if (previousCode >= 0 && !isCjkLike(previousCode) && !isCjkLike(code)) {
        text += ' ';
        if (withMap) map.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    text += source[index] ?? '';
    if (withMap) map.push(index);
    previousCode = code;
    index += 1;
  }
  return { text, map };
}

/** Skips indentation and a markdown line marker: #, >, or a list bullet followed by a space. */
function skipLinePrefix(source: string, start: number, end: number): number {
  let index = skipSpaces(source, start, end);
  const code = source.charCodeAt(index);
  if (code === 0x23) {
    let hashes = index;
    while (hashes < end && source.charCodeAt(hashes) === 0x23 && hashes - index < 6) hashes += 1;
    return skipSpaces(source, hashes, end);
  }
  if (code === 0x3e) return skipSpaces(source, index + 1, end);
  if ((code === 0x2a || code === 0x2d || code === 0x2b || code === 0x2022) && isSpace(source.charCodeAt(index + 1))) {
    index = skipSpaces(source, index + 1, end);
  }
  return index;
}

function skipSpaces(source: string, start: number, end: number): number {
  let index = start;
  while (index < end && isSpace(source.charCodeAt(index))) index += 1;
  return index;
}
