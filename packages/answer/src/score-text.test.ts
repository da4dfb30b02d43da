// The figures a text gives in a unit: what decides whether an excerpt fills a 「多少件」 or 「几个」 question.
import { describe, expect, it } from 'vitest';
import { normalizeText } from './normalize-text.js';
import { unitFiguresIn } from './score-text.js';

const figures = (text: string) => unitFiguresIn(normalizeText(text));

describe('unitFiguresIn', () => {
  it('reads a figure with 万 as a count in the unit after it, and 万元 as a unit of its own', () => {
    expect(figures('提供法律咨询3.6万人次，办理10.12万件')).toEqual([
      { figure: '3.6万', unit: '人次' },
      { figure: '10.12万', unit: '件' },
    ]);
    expect(figures('挽回经济损失2.264万元')).toEqual([{ figure: '2.264', unit: '万元' }]);
  });

  it('counts Chinese numerals (五个, 三项) but not a lone 一, an ordinal or an idiom', () => {
    expect(figures('严格落实五个不直接分管，完善三项制度')).toEqual([
      { figure: '5', unit: '个' },
      { figure: '3', unit: '项' },
    ]);
    expect(figures('建立一项制度，第五个阶段，走进千家万户')).toEqual([]);
  });

  it('keeps rounded figures and leaves years and ordinals out', () => {
    expect(figures('2020年开展活动30多场，发放3200余册，第73次常务会议')).toEqual([
      { figure: '30', unit: '场' },
      { figure: '3200', unit: '册' },
    ]);
  });
});
