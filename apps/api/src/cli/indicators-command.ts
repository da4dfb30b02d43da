// `report-qa indicators [--csv|--json]`: the indicator table of the library, each value with its quote.
import type { Command } from 'commander';
import { buildIndicatorResponse, createIndicatorTable, indicatorsCsv, NOT_STATED } from '@report-qa/indicators';
import { indicatorDefinitions } from '../routes/indicators.js';
import { withEngine } from './with-engine.js';

export function registerIndicatorsCommand(program: Command): void {
  program
    .command('indicators')
    .description('指标表：每份报告的 12 项关键数据及其原文')
    .option('--region <region...>', '地区过滤（可多个）')
    .option('--year <year...>', '年度过滤（可多个）')
    .option('--csv', '输出 CSV（UTF-8 带 BOM，可用 Excel 打开）')
    .option('--json', '输出 JSON（与 GET /api/indicators 相同）')
    .action(async (options: { region?: string[]; year?: string[]; csv?: boolean; json?: boolean }) => {
      if (options.csv && options.json) throw new Error('--csv 与 --json 只能选一个');
      const years = (options.year ?? []).map((year) => Number.parseInt(year, 10));
      if (years.some((year) => Number.isNaN(year))) throw new Error('--year 必须是年份数字，例如 2020');
      await withEngine({ ensureIndex: true }, async (engine) => {
        const started = performance.now();
        const definitions = indicatorDefinitions(engine.config);
        const response = buildIndicatorResponse(engine.index, createIndicatorTable(definitions ? { definitions } : {}), { regions: options.region ?? [], years });
        const elapsed = performance.now() - started;
        if (options.csv) return void process.stdout.write(indicatorsCsv(response));
        if (options.json) return void process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
        for (const row of response.rows) {
          process.stdout.write(`\n${row.region ?? '未知地区'} ${row.year ?? ''}（${row.source}）\n`);
          for (const indicator of response.indicators) {
            const value = row.values[indicator.key];
            const shown = value ? `${value.value} ${value.unit}  「${value.quote.replace(/\s+/gu, '')}」` : NOT_STATED;
            process.stdout.write(`  ${indicator.name}：${shown}\n`);
          }
        }
        process.stderr.write(`\n${response.rows.length} 份报告，提取用时 ${Math.round(elapsed)} 毫秒\n`);
      });
    });
}
