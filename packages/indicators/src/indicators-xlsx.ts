// The indicator table as an Excel workbook: sheet 「指标」 holds the numbers, sheet 「原文」 the quote of each cell.
import type { IndicatorsResponse } from '@report-qa/schema';
import { indicatorHeader, NOT_STATED } from './indicators-csv.js';

export async function indicatorsXlsx(response: IndicatorsResponse): Promise<Buffer> {
  // Loaded on the first export only: whoever imports the package for extraction (the answerer) does not pay for it.
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  const header = indicatorHeader(response);
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const lead = (row: IndicatorsResponse['rows'][number]) => [row.source, row.region ?? '', row.year ?? ''];
  const values = [
    [...header.fixed, ...header.values].map(bold),
    ...response.rows.map((row) => [...lead(row), ...response.indicators.map((indicator) => row.values[indicator.key]?.value ?? null)]),
  ];
  const quotes = [
    [...header.fixed, ...header.quotes].map(bold),
    ...response.rows.map((row) => [...lead(row), ...response.indicators.map((indicator) => row.values[indicator.key]?.quote ?? NOT_STATED)]),
  ];
  const columns = [{ width: 26 }, { width: 16 }, { width: 8 }, ...response.indicators.map(() => ({ width: 18 }))];
  return writeXlsxFile([
    { data: values, sheet: '指标', columns, stickyRowsCount: 1, stickyColumnsCount: 1 },
    { data: quotes, sheet: '原文', columns: columns.map((column, index) => (index < 3 ? column : { width: 60 })), stickyRowsCount: 1, stickyColumnsCount: 1 },
  ]).toBuffer();
}
