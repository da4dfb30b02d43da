// The 指标 tab: filters, the indicator table with downloads, and a chart per indicator (bars across regions, lines across years).
import type { IndicatorDescription, IndicatorRowWire, IndicatorsResponse, IndicatorValueWire } from '@report-qa/schema';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { describeError } from './api-request-error.js';
import { BarChart, LineChart } from './indicators-charts.js';
import { barsFor, linesFor } from './indicators-chart-data.js';
import { downloadIndicators, getIndicators, type IndicatorFilter } from './indicators-api.js';
import { IndicatorsTable } from './indicators-table.js';
import { CancelledError, type WithKey } from './use-api-key-prompt.js';
import './indicators.css';

export interface IndicatorsViewProps {
  /** Changes when the library changes, so the table is read again. */
  revision: unknown;
  withKey: WithKey;
  onOpen: (row: IndicatorRowWire, indicator: IndicatorDescription, value: IndicatorValueWire) => void;
}

export function IndicatorsView({ revision, withKey, onOpen }: IndicatorsViewProps) {
  const [table, setTable] = useState<IndicatorsResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<IndicatorFilter>({ region: '', year: '' });
  const [downloadError, setDownloadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    withKey(() => getIndicators({ region: '', year: '' })).then(
      (loaded) => live && (setTable(loaded), setError(null)),
      (failure) => live && !(failure instanceof CancelledError) && setError(`无法加载指标表：${describeError(failure)}`),
    );
    return () => {
      live = false;
    };
  }, [revision, withKey]);

  const regions = useMemo(() => [...new Set((table?.rows ?? []).flatMap((row) => (row.region ? [row.region] : [])))].sort((a, b) => a.localeCompare(b, 'zh-CN')), [table]);
  const years = useMemo(() => [...new Set((table?.rows ?? []).flatMap((row) => (row.year === null ? [] : [row.year])))].sort((a, b) => b - a), [table]);
  const rows = (table?.rows ?? []).filter((row) => (!filter.region || row.region === filter.region) && (!filter.year || String(row.year) === filter.year));

  const download = (extension: 'csv' | 'xlsx') => {
    setDownloadError(null);
    withKey(() => downloadIndicators(extension, filter)).catch((failure: unknown) => {
      if (!(failure instanceof CancelledError)) setDownloadError(`下载失败：${describeError(failure)}`);
    });
  };

  return (
    <section class="indicators" aria-labelledby="indicators-title">
      <h2 id="indicators-title" class="indicators-title">
        指标
      </h2>
      <p class="meta">每份报告的关键数据，均摘自报告原文；点击数字查看出处。</p>
      <div class="filters indicators-filters">
        <label>
          地区
          <select value={filter.region} onChange={(event) => setFilter({ ...filter, region: event.currentTarget.value })}>
            <option value="">全部地区</option>
            {regions.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        </label>
        <label>
          年度
          <select value={filter.year} onChange={(event) => setFilter({ ...filter, year: event.currentTarget.value })}>
            <option value="">全部年度</option>
            {years.map((year) => (
              <option key={year} value={String(year)}>
                {year}年
              </option>
            ))}
          </select>
        </label>
        <div class="row">
          <button type="button" class="small" onClick={() => download('csv')} disabled={!table}>
            下载 CSV
          </button>
          <button type="button" class="small" onClick={() => download('xlsx')} disabled={!table}>
            下载 Excel
          </button>
        </div>
      </div>
      {error && <p class="note error">{error}</p>}
      {downloadError && <p class="note error">{downloadError}</p>}
      {!table && !error && <p class="waiting">正在读取指标…</p>}
      {table && rows.length === 0 && <p class="note">没有符合条件的报告。</p>}
      {table && rows.length > 0 && (
        <>
          <IndicatorsTable indicators={table.indicators} rows={rows} onOpen={onOpen} />
          <h3 class="indicators-subtitle">图表</h3>
          <div class="indicator-charts">
            {table.indicators.map((indicator) => {
              const bars = barsFor(rows, indicator.key);
              const lines = linesFor(rows, indicator.key);
              return (
                <figure key={indicator.key} class="indicator-chart" data-key={indicator.key}>
                  <figcaption>
                    {indicator.name}（{indicator.unit}）
                  </figcaption>
                  {bars.length === 0 ? (
                    <p class="not-stated">所选报告均未提及</p>
                  ) : (
                    <BarChart title={indicator.name} unit={indicator.unit} bars={bars} />
                  )}
                  {lines.length > 0 && <LineChart title={indicator.name} unit={indicator.unit} lines={lines} />}
                </figure>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
