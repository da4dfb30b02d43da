// Character tests shared by cleaning, sentence splitting and line joining.

/** CJK ideographs, CJK and full-width punctuation, curly quotes, dashes and ellipses: text where spaces carry no meaning. */
export function isCjkLike(code: number): boolean {
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

export function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x3000 || code === 0xa0 || code === 0x0c || code === 0x0b || (code >= 0x2000 && code <= 0x200b) || code === 0xfeff;
}

export function isLineBreak(code: number): boolean {
  return code === 0x0a || code === 0x0d;
}

/** Characters that end a sentence wherever they appear (the half-width full stop is handled apart). */
export const SENTENCE_ENDERS = new Set(['。', '！', '？', '；', '!', '?', ';', '…']);

/** Characters that may close a sentence after its ender: quotes, brackets, markdown emphasis. */
export const CLOSERS = new Set(['”', '’', '」', '』', '）', ')', '】', '》', '〕', '"', "'", '*', '_']);

/** A line ending in one of these is complete: the next line starts a new paragraph. */
export const LINE_TERMINATORS = new Set(['。', '！', '？', '；', '!', '?', ';', '…', '：', ':']);

/** Per UTF-16 code unit: 1 opens a quote or bracket, 2 closes one, 4 ends a sentence, 8 may follow a sentence end. */
export const CHARACTER_FLAGS = new Uint8Array(0x10000);
const flag = (chars: Iterable<string>, bit: number): void => {
  for (const char of chars) {
    const code = char.charCodeAt(0);
    CHARACTER_FLAGS[code] = (CHARACTER_FLAGS[code] ?? 0) | bit;
  }
};
flag('（(《「“『【〔［[', 1);
flag('）)》」”』】〕］]', 2);
flag(SENTENCE_ENDERS, 4);
flag(CLOSERS, 8);
