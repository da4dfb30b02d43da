// Small SVG charts for the 指标 tab, written in Preact (no chart library): horizontal bars and lines across years.
import type { Bar, Line } from './indicators-chart-data.js';
import { formatNumber } from './indicators-chart-data.js';

const WIDTH = 300;
const LABEL = 96;
const BAR_AREA = 150;
const ROW = 24;
const COLORS = ['#1f5fbf', '#c2410c', '#15803d', '#7e22ce', '#0e7490', '#a16207'];

/** The label cut to fit `width` at 12 px: CJK characters are about 12 px wide, digits and Latin about 7. */
function fitLabel(label: string, width: number): string {
  let used = 0;
  for (const [index, char] of Array.from(label).entries()) {
    used += /[\u0000-\u00ff]/u.test(char) ? 7 : 12;
    if (used > width) return `${Array.from(label).slice(0, Math.max(1, index - 1)).join('')}…`;
  }
  return label;
}

interface BarChartProps {
  title: string;
  unit: string;
  bars: readonly Bar[];
}

/** One bar per report; the figure is printed beside each bar, and the whole chart is described for screen readers. */
export function BarChart({ title, unit, bars }: BarChartProps) {
  // Rates are drawn against 100%, counts against the largest figure.
  const max = unit === '%' ? 100 : Math.max(...bars.map((bar) => bar.value), 0) || 1;
  const height = bars.length * ROW + 4;
  const description = `${title}：${bars.map((bar) => `${bar.label} ${formatNumber(bar.value)}${unit}`).join('，')}`;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-label={description}>
      {bars.map((bar, index) => {
        const y = index * ROW + 2;
        const width = Math.max(1, (bar.value / max) * BAR_AREA);
        return (
          <g key={bar.row.documentId}>
            <title>{`${bar.label}：${formatNumber(bar.value)} ${unit}`}</title>
            <text x={LABEL - 6} y={y + ROW / 2} text-anchor="end" dominant-baseline="middle" class="chart-label">
              {fitLabel(bar.label, LABEL - 10)}
            </text>
            <rect x={LABEL} y={y + 3} width={width} height={ROW - 8} rx={2} fill={COLORS[0]} />
            <text x={LABEL + width + 4} y={y + ROW / 2} dominant-baseline="middle" class="chart-value">
              {formatNumber(bar.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

interface LineChartProps {
  title: string;
  unit: string;
  lines: readonly Line[];
}

/** One line per region across its report years, with a legend; points carry their figures as titles. */
export function LineChart({ title, unit, lines }: LineChartProps) {
  const years = [...new Set(lines.flatMap((line) => line.points.map((point) => point.year)))].sort((a, b) => a - b);
  const max = Math.max(...lines.flatMap((line) => line.points.map((point) => point.value)), 0) || 1;
  const left = 44;
  const top = 10;
  const plotWidth = WIDTH - left - 20;
  const plotHeight = 110;
  const x = (year: number) => left + (years.length === 1 ? plotWidth / 2 : (years.indexOf(year) / (years.length - 1)) * plotWidth);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const legendTop = top + plotHeight + 30;
  const description = `${title}按年度：${lines
    .map((line) => `${line.region} ${line.points.map((point) => `${point.year}年 ${formatNumber(point.value)}${unit}`).join('、')}`)
    .join('；')}`;
  return (
    <svg class="chart" viewBox={`0 0 ${WIDTH} ${legendTop + lines.length * 18}`} role="img" aria-label={description}>
      <line x1={left} y1={top + plotHeight} x2={left + plotWidth} y2={top + plotHeight} class="chart-axis" />
      <text x={left - 6} y={top + 4} text-anchor="end" class="chart-value">
        {formatNumber(max)}
      </text>
      <text x={left - 6} y={top + plotHeight} text-anchor="end" class="chart-value">
        0
      </text>
      {years.map((year) => (
        <text key={year} x={x(year)} y={top + plotHeight + 16} text-anchor="middle" class="chart-label">
          {year}
        </text>
      ))}
      {lines.map((line, index) => {
        const color = COLORS[index % COLORS.length];
        return (
          <g key={line.region}>
            <polyline points={line.points.map((point) => `${x(point.year)},${y(point.value)}`).join(' ')} fill="none" stroke={color} stroke-width={2} />
            {line.points.map((point) => (
              <circle key={point.year} cx={x(point.year)} cy={y(point.value)} r={3.5} fill={color}>
                <title>{`${line.region} ${point.year}年：${formatNumber(point.value)} ${unit}`}</title>
              </circle>
            ))}
            <rect x={left} y={legendTop + index * 18 - 9} width={10} height={10} fill={color} />
            <text x={left + 16} y={legendTop + index * 18} class="chart-label">
              {line.region}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
