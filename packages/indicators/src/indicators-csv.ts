// The indicator table as CSV for Excel: UTF-8 with a BOM, one value column and one quote column per indicator.
import type { IndicatorsResponse } from '@report-qa/schema';

export const NOT_STATED = '报告未提及';

/** Header and rows shared by the CSV and the XLSX export. */
export function indicatorHeader(response: IndicatorsResponse): { fixed: string[]; values: string[]; quotes: string[] } {
  return {
    fixed: ['报告', '地区', '年度'],
    values: response.indicators.map((indicator) => `${indicator.name}（${indicator.unit}）`),
    quotes: response.indicators.map((indicator) => `${indicator.name}·原文`),
  };
}

export function indicatorsCsv(response: IndicatorsResponse): string {
  const header = indicatorHeader(response);
  const lines = [[...header.fixed, ...response.indicators.flatMap((_, index) => [header.values[index] ?? '', header.quotes[index] ?? ''])]];
  for (const row of response.rows) {
    const cells: string[] = [row.source, row.region ?? '', row.year === null ? '' : String(row.year)];
    for (const indicator of response.indicators) {
      const value = row.values[indicator.key];
      cells.push(value ? String(value.value) : '', value ? value.quote : NOT_STATED);
    }
    lines.push(cells);
  }
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(text: string): string {
  // A cell starting with = + - @ would run as a formula in a spreadsheet; a leading ' keeps it text.
  const safe = /^[=+\-@\t\r]/u.test(text) && !/^-?\d+(?:\.\d+)?$/u.test(text) ? `'${text}` : text;
  return /[",\r\n]/u.test(safe) ? `"${safe.replace(/"/gu, '""')}"` : safe;
}
