// Tests for traditional-to-simplified folding used in metadata matching.
import { describe, expect, it } from 'vitest';
import { foldTraditional } from './fold-traditional.js';

describe('foldTraditional', () => {
  it('folds the characters of report titles one for one', () => {
    const title = '某縣人民政府關於2020年法治政府建設情況報告';
    const folded = foldTraditional(title);
    expect(folded).toBe('某县人民政府关于2020年法治政府建设情况报告');
    expect(folded).toHaveLength(title.length);
  });

  it('returns simplified text unchanged', () => {
    const text = '海东市人民政府关于2020年度法治政府建设工作情况的报告';
    expect(foldTraditional(text)).toBe(text);
  });

  it('folds characters no one typed by hand, from OpenCC\'s table', () => {
    expect(foldTraditional('廣東省深圳市龍崗區2021年度法治政府建設年度報告')).toBe('广东省深圳市龙岗区2021年度法治政府建设年度报告');
    expect(foldTraditional('臺灣雙語詞彙')).toBe('台湾双语词汇');
  });

  it('keeps characters that simplified place names use (乾县, 乾安县)', () => {
    expect(foldTraditional('陕西省乾县、吉林省乾安县')).toBe('陕西省乾县、吉林省乾安县');
  });
});
