// Figures in a text — Arabic and Chinese numerals alike, whitespace-insensitive — so answers can be checked against their quotes.
import { parseChineseNumber } from '@report-qa/parser';
import { CITATION_MARKER } from './citation-markers.js';
import { normalizeText } from './normalize-text.js';

// Thousands separators inside a figure (1,234) are part of it; a comma elsewhere separates clauses.
const arabicPattern = /\d+(?:,\d{3})*(?:\.\d+)?/gu;

/** A Chinese numeral character (a character class for RegExp sources). */
export const CHINESE_NUMERAL = '[零〇一二两三四五六七八九十百千万亿]';
const numeral = CHINESE_NUMERAL;

/**
 * The value of a Chinese numeral run before a counter, or null: a lone 一 is an article (一项制度, 一批案件), and
 * 千家万户 an idiom, far more often than figures.
 */
export function chineseCount(raw: string): number | null {
  return raw === '一' || /^[百千万亿]/u.test(raw) ? null : parseChineseNumber(raw);
}
// Counters and units after which a Chinese numeral is a quantity (三十五件, 二〇二〇年), not part of a word (统一, 一体化).
const counters =
  '件|个|项|人次|人|名|位|次|场|期|批|份|部|篇|类|家|所|条|起|宗|例|户|座|处|台|辆|套|种|倍|元|万元|亿元|天|日|年|月|周|小时|分钟|公里|千米|米|亩|公顷|平方米|余|多|家次|成|级|届|册|本|支|张|轮|岁';
// 百分之九十八点三七, 百分之百; a numeral run followed by a counter; a numeral run of digits only (二〇二〇年).
const chinesePattern = new RegExp(`百分之(${numeral}+(?:点[零〇一二三四五六七八九]+)?)|(${numeral}+(?:点[零〇一二三四五六七八九]+)?)(?=${counters})`, 'gu');

function chineseFigures(text: string): { index: number; figure: string }[] {
  const found: { index: number; figure: string }[] = [];
  for (const match of text.matchAll(chinesePattern)) {
    const percent = match[1];
    const raw = percent ?? match[2] ?? '';
    // 百分之百: the numeral is the unit itself.
    const value = percent === undefined ? chineseCount(raw) : raw === '百' ? 100 : parseChineseNumber(raw);
    if (value !== null) found.push({ index: match.index, figure: String(value) });
  }
  return found;
}

/** Figures (digit runs with decimals, Chinese numerals as digits) in the text, citation markers excluded, in order. */
export function extractFigures(text: string): string[] {
  const normalized = normalizeText(text).replace(CITATION_MARKER, ' ');
  const arabic = [...normalized.matchAll(arabicPattern)].map((match) => ({ index: match.index, figure: match[0].replace(/,/gu, '') }));
  return [...arabic, ...chineseFigures(normalized)].sort((a, b) => a.index - b.index).map((entry) => entry.figure);
}

/** Figures of `text` that appear in none of the `quotes` (compared as whole figures, whitespace ignored). */
export function figuresMissingFrom(text: string, quotes: readonly string[]): string[] {
  const available = new Set(quotes.flatMap((quote) => extractFigures(quote)));
  const missing: string[] = [];
  for (const figure of extractFigures(text)) {
    if (!available.has(figure) && !missing.includes(figure)) missing.push(figure);
  }
  return missing;
}
