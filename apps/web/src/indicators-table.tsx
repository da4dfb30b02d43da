// The indicator table: reports as rows, indicators as columns; a cell opens its quote, a null cell says 报告未提及.
import type { IndicatorDescription, IndicatorRowWire, IndicatorValueWire } from '@report-qa/schema';
import { formatNumber, rowLabel } from './indicators-chart-data.js';

interface IndicatorsTableProps {
  indicators: readonly IndicatorDescription[];
  rows: readonly IndicatorRowWire[];
  onOpen: (row: IndicatorRowWire, indicator: IndicatorDescription, value: IndicatorValueWire) => void;
}

export function IndicatorsTable({ indicators, rows, onOpen }: IndicatorsTableProps) {
  return (
    <div class="indicators-scroll" role="region" aria-label="指标表（可左右滚动）" tabIndex={0}>
      <table class="indicators-table">
        <thead>
          <tr>
            <th scope="col">报告</th>
            {indicators.map((indicator) => (
              <th key={indicator.key} scope="col" title={indicator.definition} data-key={indicator.key}>
                {indicator.name}
                <span class="unit">（{indicator.unit}）</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const label = rowLabel(row, rows);
            return (
              <tr key={row.documentId} data-document={row.documentId}>
                <th scope="row" title={row.source}>
                  {label}
                  {row.year !== null && !label.includes(String(row.year)) && <span class="unit"> {row.year}</span>}
                </th>
                {indicators.map((indicator) => {
                  const value = row.values[indicator.key];
                  return (
                    <td key={indicator.key} data-key={indicator.key}>
                      {value ? (
                        <button
                          type="button"
                          class="cell"
                          onClick={() => onOpen(row, indicator, value)}
                          aria-label={`${label} ${indicator.name}：${formatNumber(value.value)}${value.unit}，查看原文`}
                          title={value.quote}
                        >
                          {formatNumber(value.value)}
                          <span class="unit">{value.unit}</span>
                        </button>
                      ) : (
                        <span class="not-stated">报告未提及</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
