// Decodes HTML bytes: a BOM or valid UTF-8 wins, otherwise the charset declared in <meta>, otherwise the report decoder.
import { decodeTextFile } from './decode-text-file.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Browsers treat gb2312 and gbk as GBK; GB18030 is its superset, so nothing declared as either is lost.
const aliases: Partial<Record<string, string>> = { gb2312: 'gb18030', gbk: 'gb18030', 'x-gbk': 'gb18030', gb_2312: 'gb18030' };

/** The HTML source as a string. */
export function decodeHtml(bytes: Uint8Array): string {
  if (hasBom(bytes)) return decodeTextFile(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    const declared = declaredCharset(bytes);
    if (declared !== null) {
      try {
        return new TextDecoder(aliases[declared] ?? declared).decode(bytes);
      } catch {
        // An unknown label: fall through to detection from the bytes.
      }
    }
    return decodeTextFile(bytes);
  }
}

/** The charset named by <meta charset> or <meta http-equiv content="…charset=…"> in the first 4 KiB, lower-cased. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  for (const meta of head.match(/<meta\b[^>]*>/gi) ?? []) {
    const match = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(meta);
    if (match?.[1]) return match[1].toLowerCase();
  }
  return null;
}

function hasBom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) || (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

