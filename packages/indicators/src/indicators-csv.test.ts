// The CSV export: a BOM, a value and a quote column per indicator, formulas kept as text, quotes escaped.
import { describe, expect, it } from 'vitest';
import type { IndicatorsResponse } from '@report-qa/schema';
import { indicatorsCsv } from './indicators-csv.js';

const response: IndicatorsResponse = {
  indicators: [{ key: 'cases', name: '案件数', unit: '件', definition: '案件。' }],
  rows: [
    {
      documentId: 'd1',
      source: '=HYPERLINK("x").txt',
      region: '某县',
      year: 2020,
      values: { cases: { value: 12, unit: '件', text: '12件', quote: '受理案件12件，"办结"10件。', start: 0, end: 14, confidence: 0.9 } },
    },
    { documentId: 'd2', source: 'b.txt', region: null, year: null, values: { cases: null } },
  ],
};

describe('indicatorsCsv', () => {
  const lines = indicatorsCsv(response).split('\r\n');

  it('starts with a BOM and a header of value and quote columns', () => {
    expect(lines[0]).toBe('\uFEFF报告,地区,年度,案件数（件）,案件数·原文');
  });

  it('quotes commas and double quotes, and keeps a formula-like cell as text', () => {
    expect(lines[1]).toBe(`"'=HYPERLINK(""x"").txt",某县,2020,12,"受理案件12件，""办结""10件。"`);
  });

  it('leaves a missing value empty and says 报告未提及 in its quote column', () => {
    expect(lines[2]).toBe('b.txt,,,,报告未提及');
  });
});
