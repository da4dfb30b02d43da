// Splits text into lines with their offsets, accepting LF, CRLF and lone CR.

export interface TextLine {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the last character, line break excluded. */
  end: number;
}

export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0x0a || code === 0x0d) {
      lines.push({ start, end: index });
      if (code === 0x0d && text.charCodeAt(index + 1) === 0x0a) index += 1;
      start = index + 1;
    }
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}
