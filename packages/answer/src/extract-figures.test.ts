// Figures are compared whole and whitespace-insensitive, Chinese numerals as digits; citation markers are not figures.
import { describe, expect, it } from 'vitest';
import { extractFigures, figuresMissingFrom } from './extract-figures.js';

describe('extractFigures', () => {
  it('reads decimals, percentages and stray spaces, ignoring [n] markers', () => {
    expect(extractFigures('受理 93 件[1]，成功率98.37%[2]，共 1,234 人')).toEqual(['93', '98.37', '1234']);
  });

  it('reads Chinese numerals that count something, and percentages in words', () => {
    expect(extractFigures('收到三十五件，办结率百分之百，培训一百零八人次，二〇二〇年')).toEqual(['35', '100', '108', '2020']);
    expect(extractFigures('百分之九十八点三七[1]，两万三千名')).toEqual(['98.37', '23000']);
  });

  it('leaves numerals that are part of words alone', () => {
    expect(extractFigures('进一步统一规范，一批案件，深入千家万户，一体化推进')).toEqual([]);
  });

  it('reports figures absent from every quote, whole figures only, Chinese and Arabic alike', () => {
    expect(figuresMissingFrom('办理180件，另有80件[1]', ['共参与行政诉讼案件 180 件'])).toEqual(['80']);
    expect(figuresMissingFrom('236名[1]', ['培训 236 名'])).toEqual([]);
    expect(figuresMissingFrom('收到九十三件，办结率百分之百[1]', ['全年共收到行政复议申请93件'])).toEqual(['100']);
  });
});
