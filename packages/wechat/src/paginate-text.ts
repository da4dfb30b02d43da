// Cutting text to WeChat's 2048-byte limit without breaking a character, into continuation pages.
export const WECHAT_TEXT_LIMIT_BYTES = 2048;
export const CONTINUE_HINT = '回复"继续"查看后续内容';

export function utf8ByteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of text (whole code points) that fits in maxBytes. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (utf8ByteLength(text) <= maxBytes) return text;
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    const size = utf8ByteLength(char);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** Prefer to end a page at a paragraph, line or sentence end in the last part of the budget. */
function cutPoint(prefix: string): number {
  const floor = Math.floor(prefix.length * 0.6);
  for (const pattern of [/\n\n/g, /\n/g, /[。！？；!?;]/g, /[，、,\s]/g]) {
    let best = -1;
    for (const match of prefix.matchAll(pattern)) best = match.index + match[0].length;
    if (best > floor) return best;
  }
  return prefix.length;
}

export interface PaginateOptions {
  maxBytes?: number;
  /** Appended (after a blank line) to every page but the last. */
  continuationHint?: string;
}

/** Splits text into pages of at most maxBytes UTF-8 bytes each, hint included. */
export function paginateText(text: string, { maxBytes = WECHAT_TEXT_LIMIT_BYTES, continuationHint = CONTINUE_HINT }: PaginateOptions = {}): string[] {
  if (utf8ByteLength(text) <= maxBytes) return [text];
  const suffix = `\n\n${continuationHint}`;
  const budget = maxBytes - utf8ByteLength(suffix);
  if (budget < 16) throw new RangeError('maxBytes leaves no room for text next to the continuation hint');
  const pages: string[] = [];
  let rest = text;
  while (utf8ByteLength(rest) > maxBytes) {
    const prefix = truncateUtf8(rest, budget);
    const end = cutPoint(prefix);
    pages.push(`${rest.slice(0, end).trimEnd()}${suffix}`);
    rest = rest.slice(end).replace(/^\s+/, '');
  }
  if (rest.length > 0) pages.push(rest);
  return pages;
}
