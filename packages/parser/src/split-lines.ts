// Splits text into lines with their offsets, accepting LF, CRLF and lone CR.

export interface TextLine {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character, line break excluded. */
  end: number;
}

/** Lines of text.slice(from, to), with offsets into text. */
export function splitLines(text: string, from = 0, to = text.length): TextLine[] {
  const lines: TextLine[] = [];
  let start = from;
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || code === 0x0d) {
      lines.push({ start, end: index });
      if (code === 0x0d && index + 1 < to && text.charCodeAt(index + 1) === 0x0a) index += 1;
      start = index + 1;
    }
  }
  if (start < to) lines.push({ start, end: to });
  return lines;
}
