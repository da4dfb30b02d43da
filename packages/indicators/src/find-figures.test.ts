import { describe, expect, it } from 'vitest';
import { findFigures } from './find-figures.js';

const read = (text: string) => findFigures(text).map(({ value, unit, text: written, approximate }) => ({ value, unit, written, approximate }));

describe('findFigures', () => {
  it('reads figures split by OCR spaces, with their exact text', () => {
    const text = '全市 236 名政府法律顾问，受理 1 115 件，办结\n71\n件。';
    const figures = findFigures(text);
    expect(figures.map((figure) => [figure.value, figure.unit])).toEqual([
      [236, '名'],
      [1115, '件'],
      [71, '件'],
    ]);
    for (const figure of figures) expect(text.slice(figure.start, figure.end)).toBe(figure.text);
  });

  it('reads Chinese numerals and 百分之', () => {
    expect(read('受理行政复议案件三十五件，出庭应诉率达到百分之百，胜诉率百分之九十五点五。')).toEqual([
      { value: 35, unit: '件', written: '三十五件', approximate: false },
      { value: 100, unit: '%', written: '百分之百', approximate: false },
      { value: 95.5, unit: '%', written: '百分之九十五点五', approximate: false },
    ]);
  });

  it('reads 余, 万, decimals, thousands separators and longer units first', () => {
    expect(read('发布信息6000余条，受理10.12万件，参训430人次，咨询1480 人（次），合计1,234件，比例60.23％。')).toEqual([
      { value: 6000, unit: '条', written: '6000余条', approximate: true },
      { value: 101_200, unit: '件', written: '10.12万件', approximate: false },
      { value: 430, unit: '人次', written: '430人次', approximate: false },
      { value: 1480, unit: '人次', written: '1480 人（次）', approximate: false },
      { value: 1234, unit: '件', written: '1,234件', approximate: false },
      { value: 60.23, unit: '%', written: '60.23％', approximate: false },
    ]);
  });

  it('keeps digit runs without a unit (years, hotline numbers) but no ordinal Chinese words', () => {
    expect(read('2022年，12348热线；一是加强领导，第三次会议。').map((figure) => figure.value)).toEqual([2022, 12348]);
  });
});
