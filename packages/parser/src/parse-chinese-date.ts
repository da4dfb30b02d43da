// Reads dates written 2021年1月15日, 二〇二一年一月十五日, 2021-01-15 or 2021.1.15 as ISO YYYY-MM-DD (YYYY-MM without a day).
import { parseChineseNumber } from './parse-chinese-number.js';

const DIGITS: Record<string, number> = { 〇: 0, 零: 0, O: 0, o: 0, Ｏ: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CHINESE_YEAR = '[〇零一二三四五六七八九OoＯ]{4}';
const CHINESE_SMALL = '[一二三四五六七八九十]{1,3}';

export const DATE_PATTERN = new RegExp(
  `((?:19|20)\\d{2})\\s*年\\s*(\\d{1,2})\\s*月(?:\\s*(\\d{1,2})\\s*日)?` +
    `|(${CHINESE_YEAR})年(${CHINESE_SMALL})月(?:(${CHINESE_SMALL})日)?` +
    `|((?:19|20)\\d{2})[-/.](\\d{1,2})[-/.](\\d{1,2})(?!\\d)`,
);

export function parseChineseDate(text: string): string | null {
  const match = DATE_PATTERN.exec(text);
  if (!match) return null;
  let year: number;
  let month: number;
  let day: number | null;
  if (match[1]) {
    year = Number(match[1]);
    month = Number(match[2]);
    day = match[3] ? Number(match[3]) : null;
  } else if (match[4]) {
    year = Number(Array.from(match[4], (char) => DIGITS[char] ?? 0).join(''));
    month = smallNumber(match[5] ?? '');
    day = match[6] ? smallNumber(match[6]) : null;
  } else {
    year = Number(match[7]);
    month = Number(match[8]);
    day = Number(match[9]);
  }
  if (month < 1 || month > 12 || (day !== null && (day < 1 || day > 31))) return null;
  const iso = `${year}-${String(month).padStart(2, '0')}`;
  return day === null ? iso : `${iso}-${String(day).padStart(2, '0')}`;
}

/** 十五 → 15, 二十一 → 21, 三十 → 30, 九 → 9. */
function smallNumber(text: string): number {
  return parseChineseNumber(text) ?? 0;
}
