// `report-qa search "<query>"`: hybrid retrieval from the command line.
import type { Command } from 'commander';
import { toSearchResultWire } from '../routes/to-wire.js';
import { withEngine } from './with-engine.js';

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description('检索相关段落')
    .argument('<query>', '查询')
    .option('--top-k <n>', '返回条数', (value) => Number.parseInt(value, 10), 5)
    .option('--region <region>', '地区过滤（如 海东市、城东区）')
    .option('--year <year>', '年度过滤', (value) => Number.parseInt(value, 10))
    .option('--mode <mode>', 'hybrid | vector | keyword')
    .option('--json', '输出 JSON')
    .action(async (query: string, options: { topK: number; region?: string; year?: number; mode?: 'hybrid' | 'vector' | 'keyword'; json?: boolean }) => {
      await withEngine({ ensureIndex: true }, async (engine) => {
        const filters = {
          ...(options.region ? { region: options.region } : {}),
          ...(options.year ? { year: options.year } : {}),
        };
        const response = await engine.index.search(query, { topK: options.topK, filters, ...(options.mode ? { mode: options.mode } : {}) });
        if (options.json) {
          process.stdout.write(`${JSON.stringify({ results: response.results.map(toSearchResultWire), scope: response.scope, mode: response.mode }, null, 2)}\n`);
          return;
        }
        const { missing } = response.scope;
        if (missing.regions.length + missing.years.length > 0) {
          process.stdout.write(`注意：语料中没有 ${[...missing.regions, ...missing.years.map((year) => `${year}年`)].join('、')} 的报告\n`);
        }
        for (const [rank, result] of response.results.entries()) {
          process.stdout.write(
            `\n${rank + 1}. ${result.region ?? '未知地区'} ${result.year ?? ''} · ${result.sectionPath || '（无章节）'}  (${result.score.toFixed(4)})\n` +
              `   ${result.source} @${result.start}-${result.end}\n   ${result.text}\n`,
          );
        }
      });
    });
}
