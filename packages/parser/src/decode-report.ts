// Turns report bytes into text: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030, detected from the bytes.
import { ParseError } from './parse-error.js';
import { assertTextual } from './assert-textual.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

export function decodeReport(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new ParseError('EMPTY_INPUT', 'The report is empty.');
  const bom = bomEncoding(bytes);
  if (bom) {
    const text = decodeWith(new TextDecoder(bom, { fatal: true }), bytes);
    return assertTextual(text);
  }
  // UTF-16 without a BOM is not supported, so any NUL byte means this is not a text report.
  if (bytes.includes(0)) throw new ParseError('BINARY_INPUT', 'The input contains NUL bytes: it looks like a binary file, not a text report.');
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = decodeWith(gb18030, bytes);
    // GB18030 accepts many byte soups; real Chinese text is mostly common characters.
    if (rareCharacterRatio(text) > 0.1) {
      throw new ParseError('UNDECODABLE', 'The input is neither valid UTF-8 nor plausible GBK/GB18030 text.');
    }
  }
  return assertTextual(text);
}

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function decodeWith(decoder: { decode(input: Uint8Array): string }, bytes: Uint8Array): string {
  try {
    // TextDecoder drops a leading BOM itself.
    return decoder.decode(bytes);
  } catch (cause) {
    throw new ParseError('UNDECODABLE', 'The input is neither valid UTF-8 nor GBK/GB18030 text.', { cause });
  }
}

function rareCharacterRatio(text: string): number {
  let rare = 0;
  let total = 0;
  for (const char of text) {
    total += 1;
    const code = char.codePointAt(0) ?? 0;
    const common =
      code < 0x80 ||
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0x3000 && code <= 0x303f) ||
      (code >= 0xff00 && code <= 0xffef) ||
      (code >= 0x2000 && code <= 0x206f) ||
      (code >= 0x2460 && code <= 0x24ff) ||
      code === 0xb7;
    if (!common) rare += 1;
  }
  return total === 0 ? 0 : rare / total;
}
