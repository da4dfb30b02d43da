import { describe, expect, it } from 'vitest';
import { parseChineseNumber } from './parse-chinese-number.js';

describe('parseChineseNumber', () => {
  it.each([
    ['三十五', 35],
    ['十五', 15],
    ['十', 10],
    ['百', 100],
    ['九', 9],
    ['一百', 100],
    ['一千二百零六', 1206],
    ['两万', 20_000],
    ['三万五千', 35_000],
    ['一亿二千万', 120_000_000],
    ['九十九点五', 99.5],
    ['二〇二一', 2021],
    ['零点五', 0.5],
  ])('%s → %d', (text, value) => {
    expect(parseChineseNumber(text)).toBe(value);
  });

  it.each(['', '点', '万', '三四', '百分之'])('rejects %j', (text) => {
    expect(parseChineseNumber(text)).toBeNull();
  });
});
