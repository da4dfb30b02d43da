// Figures in report text with their exact offsets: 236 名 (OCR spaces), 6000余条, 10.12万件, 三十五件, 百分之百, 84.6%.
import { CHINESE_NUMERAL_CHARACTERS, parseChineseNumber } from '@report-qa/parser';

export interface Figure {
  /** Offsets in the text: the number (with 百分之) through its unit. */
  start: number;
  end: number;
  value: number;
  /** The unit as written, with ％, 百分之 folded to % and 人（次） to 人次; '' when none follows. */
  unit: string;
  /** text.slice(start, end). */
  text: string;
  /** 余, 多, 约, 近: the report gives a round or lower bound. */
  approximate: boolean;
}

// Longest first, so 人次 is not read as 人 and 万元 not as 万.
const UNITS = ['人（次）', '人(次)', '人次', '件次', '户次', '万元', '亿元', '%', '％', '件', '起', '宗', '个', '名', '人', '条', '项', '次', '份', '家', '户', '本', '位', '册', '场', '张', '元', '期', '批', '所', '处', '万', '亿'];
const UNIT_PATTERN = UNITS.map((unit) => unit.replace(/[()]/gu, '\\$&')).join('|');
const SPACE = '[ \\t\\u3000\\u00a0\\r\\n]';
const CHINESE = `[${CHINESE_NUMERAL_CHARACTERS}]+`;

// Digits may be split by single OCR spaces (2 36), carry thousands separators (1,234) and a decimal part.
const ARABIC = new RegExp(
  `(?<![\\d.．])(\\d+(?:,\\d{3})*(?:[ \\u3000]\\d+)*(?:[.．]\\d+)?)${SPACE}{0,3}(余|多)?${SPACE}{0,2}(万|亿)?${SPACE}{0,2}(余|多)?${SPACE}{0,3}(${UNIT_PATTERN})?`,
  'gu',
);
const PERCENT_WORDS = new RegExp(`百分之${SPACE}{0,2}(${CHINESE}|\\d+(?:[.．]\\d+)?)`, 'gu');
const CHINESE_COUNT = new RegExp(`(?<!第)(${CHINESE})${SPACE}{0,2}(余|多)?${SPACE}{0,2}(${UNIT_PATTERN})`, 'gu');
const APPROXIMATE_BEFORE = /(?:约|近|超过|逾)$/u;

/** Every figure of the text in order. Digit runs without a unit are included: they bound the context of others. */
export function findFigures(text: string): Figure[] {
  const figures: Figure[] = [];
  const taken = new Uint8Array(text.length);
  const add = (figure: Figure) => {
    for (let index = figure.start; index < figure.end; index += 1) if (taken[index]) return;
    taken.fill(1, figure.start, figure.end);
    figures.push(figure);
  };

  for (const match of text.matchAll(PERCENT_WORDS)) {
    const number = match[1] ?? '';
    const value = /\d/u.test(number) ? Number(number.replace('．', '.')) : parseChineseNumber(number);
    if (value === null || Number.isNaN(value)) continue;
    add(figure(text, match.index, match.index + match[0].length, value, '%', false));
  }
  for (const match of text.matchAll(ARABIC)) {
    const [whole, digits = '', approxBefore, multiplier, approxAfter, rawUnit] = match;
    let value = Number(digits.replace(/[, \u3000]/gu, '').replace('．', '.'));
    if (Number.isNaN(value)) continue;
    let unit = rawUnit ?? '';
    let end = match.index + whole.length;
    if (!rawUnit && !multiplier && !approxBefore && !approxAfter) end = match.index + digits.length;
    if (multiplier) value *= multiplier === '万' ? 10_000 : 100_000_000;
    if (unit === '万' || unit === '亿') {
      value *= unit === '万' ? 10_000 : 100_000_000;
      unit = '';
    }
    add(figure(text, match.index, trimEnd(text, match.index, end), value, foldUnit(unit), Boolean(approxBefore || approxAfter)));
  }
  for (const match of text.matchAll(CHINESE_COUNT)) {
    const value = parseChineseNumber(match[1] ?? '');
    if (value === null) continue;
    add(figure(text, match.index, match.index + match[0].length, value, foldUnit(match[3] ?? ''), Boolean(match[2])));
  }
  return figures.sort((a, b) => a.start - b.start);
}

function figure(text: string, start: number, end: number, value: number, unit: string, approximate: boolean): Figure {
  return { start, end, value: Math.round(value * 1e6) / 1e6, unit, text: text.slice(start, end), approximate: approximate || APPROXIMATE_BEFORE.test(text.slice(Math.max(0, start - 2), start)) };
}

function foldUnit(unit: string): string {
  if (unit === '％') return '%';
  if (unit === '人（次）' || unit === '人(次)') return '人次';
  return unit;
}

function trimEnd(text: string, start: number, end: number): number {
  let stop = end;
  while (stop > start && /\s/u.test(text[stop - 1] ?? '')) stop -= 1;
  return stop;
}
