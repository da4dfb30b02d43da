// What the 指标 charts draw: one bar per report that states the indicator, one line per region with several years.
import type { IndicatorRowWire } from '@report-qa/schema';

export interface Bar {
  label: string;
  value: number;
  row: IndicatorRowWire;
}

export interface Line {
  region: string;
  points: { year: number; value: number; row: IndicatorRowWire }[];
}

/** 海东市 2020; the year only when the region has several reports, the file name when there is no region. */
export function rowLabel(row: IndicatorRowWire, rows: readonly IndicatorRowWire[]): string {
  if (!row.region) return row.year ? `${row.source} ${row.year}` : row.source;
  const several = rows.filter((other) => other.region === row.region).length > 1;
  return several && row.year ? `${row.region} ${row.year}` : row.region;
}

export function barsFor(rows: readonly IndicatorRowWire[], key: string): Bar[] {
  return rows.flatMap((row) => {
    const value = row.values[key];
    return value ? [{ label: rowLabel(row, rows), value: value.value, row }] : [];
  });
}

/** Regions with values for two or more years, points in year order (one report per year: the first listed). */
export function linesFor(rows: readonly IndicatorRowWire[], key: string): Line[] {
  const byRegion = new Map<string, Line['points']>();
  for (const row of rows) {
    const value = row.values[key];
    if (!value || !row.region || row.year === null) continue;
    const points = byRegion.get(row.region) ?? [];
    if (!points.some((point) => point.year === row.year)) points.push({ year: row.year, value: value.value, row });
    byRegion.set(row.region, points);
  }
  return [...byRegion]
    .filter(([, points]) => points.length > 1)
    .map(([region, points]) => ({ region, points: points.sort((a, b) => a.year - b.year) }));
}

/** 1,234 or 84.6 (Chinese locale digits grouping). */
export function formatNumber(value: number): string {
  return value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });
}
