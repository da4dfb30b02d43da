// A report's original text as shown in the source view: markdown markers and the spaces PDF/OCR put between Chinese
// characters removed, line breaks kept, and a map from every shown character back to its offset in the original.
// The rules are the parser's line cleaning (packages/parser clean-line.ts); the browser does not bundle the parser.

export interface DisplayText {
  text: string;
  /** map[i] is the offset in the original of text[i]. */
  map: number[];
}

/** CJK ideographs and punctuation, full-width forms, curly quotes, dashes: text where spaces carry no meaning. */
function isCjkLike(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0x3000 && code <= 0x303f) ||
    (code >= 0xff00 && code <= 0xffef) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x2010 && code <= 0x206f) ||
    (code >= 0x2460 && code <= 0x24ff) ||
    code === 0xb7
  );
}

const isSpace = (code: number) =>
  code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0 || code === 0x0c || code === 0x0b || (code >= 0x2000 && code <= 0x200b) || code === 0xfeff;

const HORIZONTAL_RULE = /^[\s\-*_=]{3,}$/;

function skipSpaces(source: string, index: number, end: number): number {
  while (index < end && isSpace(source.charCodeAt(index))) index += 1;
  return index;
}

/** Skips indentation and a markdown line marker: #…, >, or a list bullet followed by a space. */
function skipLinePrefix(source: string, start: number, end: number): number {
  const index = skipSpaces(source, start, end);
  const code = source.charCodeAt(index);
  if (code === 0x23) {
    let hashes = index;
    while (hashes < end && source.charCodeAt(hashes) === 0x23 && hashes - index < 6) hashes += 1;
    return skipSpaces(source, hashes, end);
  }
  if (code === 0x3e) return skipSpaces(source, index + 1, end);
  if ((code === 0x2a || code === 0x2d || code === 0x2b || code === 0x2022) && isSpace(source.charCodeAt(index + 1))) return skipSpaces(source, index + 1, end);
  return index;
}

function cleanLine(source: string, start: number, end: number, out: DisplayText): void {
  let index = skipLinePrefix(source, start, end);
  if (index >= end || HORIZONTAL_RULE.test(source.slice(index, end))) return;
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
        out.text += ' ';
        out.map.push(pendingSpace);
      }
      pendingSpace = -1;
    }
    out.text += source[index];
    out.map.push(index);
    previousCode = code;
    index += 1;
  }
}

export function displayOriginal(original: string): DisplayText {
  const out: DisplayText = { text: '', map: [] };
  const lineBreak = /\r\n|\n|\r/g;
  let start = 0;
  for (;;) {
    const match = lineBreak.exec(original);
    const end = match ? match.index : original.length;
    cleanLine(original, start, end, out);
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
