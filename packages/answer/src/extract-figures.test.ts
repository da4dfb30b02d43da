// Figures are compared whole and whitespace-insensitive; citation markers are not figures.
import { describe, expect, it } from 'vitest';
import { extractFigures, figuresMissingFrom } from './extract-figures.js';

describe('extractFigures', () => {
  it('reads decimals, percentages and stray spaces, ignoring [n] markers', () => {
    expect(extractFigures('受理 93 件[1]，成功率98.37%[2]，共 1,234 人')).toEqual(['93', '98.37', '1234']);
  });

  it('reports figures absent from every quote, whole figures only', () => {
    expect(figuresMissingFrom('办理180件，另有80件[1]', ['共参与行政诉讼案件 180 件'])).toEqual(['80']);
    expect(figuresMissingFrom('236名[1]', ['培训 236 名'])).toEqual([]);
  });
});
