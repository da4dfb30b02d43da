// Cleans one line for indexing (markdown markers, OCR spaces between Chinese characters) and maps each kept character back.
import { isCjkLike, isSpace } from './character-classes.js';

export interface CleanedText {
  /** The cleaned text. */
  text: string;
  /** map[i] is the offset in the input of text[i]; map.length === text.length. */
  map: number[];
}

const HORIZONTAL_RULE = /^[\s\-*_=]{3,}$/;

/** Cleans source.slice(start, end), which must not hold a line break; offsets in the map index source. */
export function cleanLine(source: string, start = 0, end = source.length): CleanedText {
  let index = skipLinePrefix(source, start, end);
  if (index >= end || HORIZONTAL_RULE.test(source.slice(index, end))) return { text: '', map: [] };
  // First pass: drop markdown emphasis, keep everything else with its offset.
  const kept: number[] = [];
  while (index < end) {
    const code = source.charCodeAt(index);
    if (code === 0x2a || code === 0x5f) {
      let runEnd = index + 1;
      while (runEnd < end && source.charCodeAt(runEnd) === code) runEnd += 1;
      if (runEnd - index >= 2) {
        index = runEnd;
        continue;
      }
    }
    kept.push(index);
    index += 1;
  }
  // Second pass: spaces next to Chinese text are OCR or layout noise; between Latin words one space stays.
  const chars: string[] = [];
  const map: number[] = [];
  let previousCode = -1;
  let pendingSpace = -1;
  for (const offset of kept) {
    const code = source.charCodeAt(offset);
    if (isSpace(code)) {
      if (pendingSpace < 0) pendingSpace = offset;
      continue;
    }
    if (pendingSpace >= 0) {
      if (previousCode >= 0 && !isCjkLike(previousCode) && !isCjkLike(code)) {
        chars.push(' ');
        map.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    chars.push(source[offset] ?? '');
    map.push(offset);
    previousCode = code;
  }
  return { text: chars.join(''), map };
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
  if (code === 0x3e || code === 0xff1e) return skipSpaces(source, index + 1, end);
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
