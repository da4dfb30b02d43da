// Maps traditional characters to simplified ones, one character for one, so offsets stay valid (OpenCC's table).
import { TRADITIONAL_PAIRS } from './traditional-pairs.js';

// Per UTF-16 code unit: the simplified code unit, or 0 when the character is kept as it is.
const TABLE = new Uint16Array(0x10000);
for (let index = 0; index + 1 < TRADITIONAL_PAIRS.length; index += 2) {
  const traditional = TRADITIONAL_PAIRS.charCodeAt(index);
  const simplified = TRADITIONAL_PAIRS.charCodeAt(index + 1);
  TABLE[traditional] = simplified;
}

export function foldTraditional(text: string): string {
  let first = -1;
  for (let index = 0; index < text.length; index += 1) {
    if (TABLE[text.charCodeAt(index)]) {
      first = index;
      break;
    }
  }
  if (first < 0) return text;
  const parts: string[] = [text.slice(0, first)];
  for (let index = first; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    const simplified = TABLE[code] ?? 0;
    parts.push(simplified ? String.fromCharCode(simplified) : (text[index] ?? ''));
  }
  return parts.join('');
}
