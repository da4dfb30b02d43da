// Reads numbers written in Chinese numerals: 三十五 → 35, 一千二百零六 → 1206, 两万 → 20000, 九十九点五 → 99.5.

const DIGITS: Readonly<Record<string, number>> = {
  〇: 0, 零: 0, 一: 1, 壹: 1, 二: 2, 贰: 2, 两: 2, 三: 3, 叁: 3, 四: 4, 肆: 4,
  五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const LARGE_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000, 億: 100_000_000 };

/** Characters a Chinese numeral is written with (digits, units and the decimal point 点). */
export const CHINESE_NUMERAL_CHARACTERS = '〇零一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億点';

/**
 * The value of a Chinese numeral, or null when `text` is not one. Positional forms (二〇二一) read digit by digit;
 * a decimal part follows 点 (九十九点五). 百分之 is not handled here: it is a unit, not part of the number.
 */
export function parseChineseNumber(text: string): number | null {
  if (text.length === 0) return null;
  const point = text.indexOf('点');
  if (point >= 0) {
    const whole = point === 0 ? 0 : parseChineseNumber(text.slice(0, point));
    const fraction = text.slice(point + 1);
    if (whole === null || fraction.length === 0) return null;
    let digits = '';
    for (const char of fraction) {
      const digit = DIGITS[char];
      if (digit === undefined) return null;
      digits += String(digit);
    }
    return Number(`${whole}.${digits}`);
  }
  const chars = Array.from(text);
  if (chars.every((char) => DIGITS[char] !== undefined)) {
    // 二〇二一 is written digit by digit; a lone digit is just itself; 三四 is "three or four", not a number.
    if (chars.length > 1 && !chars.some((char) => DIGITS[char] === 0)) return null;
    return Number(chars.map((char) => DIGITS[char]).join(''));
  }
  // 一亿二千万: split at the largest unit first, so each side is read on its own.
  for (const [unit, size] of Object.entries(LARGE_UNITS).sort((a, b) => b[1] - a[1])) {
    const at = text.indexOf(unit);
    if (at < 0) continue;
    const high = parseBelowLarge(text.slice(0, at)) ?? parseChineseNumber(text.slice(0, at));
    if (high === null || high === 0) return null;
    const rest = text.slice(at + unit.length).replace(/^[零〇]/u, '');
    const low = rest.length === 0 ? 0 : parseChineseNumber(rest);
    return low === null ? null : high * size + low;
  }
  return parseBelowLarge(text);
}

/** 一千二百零六, 十五, 三: a number below ten thousand written with 十百千. */
function parseBelowLarge(text: string): number | null {
  if (text.length === 0) return null;
  let section = 0;
  let digit: number | null = null;
  for (const char of text) {
    const value = DIGITS[char];
    if (value !== undefined) {
      if (digit !== null && digit !== 0 && value !== 0) return null; // two digits in a row outside positional form
      digit = value;
      continue;
    }
    const small = SMALL_UNITS[char];
    if (small === undefined) return null;
    // 十五 starts with a bare 十 (one ten); 百分之百 ends with a bare 百.
    const multiplier = digit ?? (section === 0 ? 1 : null);
    if (multiplier === null) return null;
    section += multiplier * small;
    digit = null;
  }
  return section + (digit ?? 0);
}
