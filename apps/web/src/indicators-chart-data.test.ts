import { describe, expect, it } from 'vitest';
import type { IndicatorRowWire } from '@report-qa/schema';
import { barsFor, formatNumber, linesFor, rowLabel } from './indicators-chart-data.js';

const value = (figure: number) => ({ value: figure, unit: '件', text: `${figure}件`, quote: `受理${figure}件。`, start: 0, end: 6, confidence: 0.9 });
const row = (documentId: string, region: string | null, year: number | null, figure: number | null): IndicatorRowWire => ({
  documentId,
  source: `${documentId}.txt`,
  region,
  year,
  values: { cases: figure === null ? null : value(figure) },
});

describe('indicator chart data', () => {
  const rows = [row('a', '海东市', 2020, 93), row('b', '西宁市', 2021, null), row('c', '西宁市', 2022, 101), row('d', '西宁市', 2020, 80), row('e', null, 2019, 7)];

  it('draws a bar for each report that states the indicator, labelled by region (and year when needed)', () => {
    expect(barsFor(rows, 'cases').map((bar) => [bar.label, bar.value])).toEqual([
      ['海东市', 93],
      ['西宁市 2022', 101],
      ['西宁市 2020', 80],
      ['e.txt 2019', 7],
    ]);
    expect(rowLabel(rows[0]!, rows)).toBe('海东市');
  });

  it('draws a line only for a region with values in several years, in year order', () => {
    expect(linesFor(rows, 'cases')).toEqual([
      {
        region: '西宁市',
        points: [
          { year: 2020, value: 80, row: rows[3] },
          { year: 2022, value: 101, row: rows[2] },
        ],
      },
    ]);
    expect(linesFor(rows.slice(0, 2), 'cases')).toEqual([]);
  });

  it('formats numbers for reading', () => {
    expect(formatNumber(106425)).toBe('106,425');
    expect(formatNumber(84.6)).toBe('84.6');
  });
});
