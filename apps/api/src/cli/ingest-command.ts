// `report-qa ingest [paths…]`: (re)index reports incrementally, with a progress bar.
import type { Command } from 'commander';
import { ingestProgressPrinter } from './ingest-progress.js';
import { withEngine } from './with-engine.js';

export function registerIngestCommand(program: Command): void {
  program
    .command('ingest')
    .description('建立或更新索引：未变化的文件跳过，修改的替换，删除的移出（默认 data/reports）')
    .argument('[paths...]', '报告文件或目录（txt、md、html、docx、pdf）')
    .option('--json', '输出 JSON 摘要')
    .action(async (paths: string[], options: { json?: boolean }) => {
      await withEngine({}, async (engine) => {
        const targets = paths.length > 0 ? paths : [engine.config.reportsDir];
        const summary = await engine.ingest(targets, ingestProgressPrinter());
        if (options.json) {
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
          return;
        }
        const stats = engine.index.stats();
        process.stdout.write(
          `新增 ${summary.added.length}，更新 ${summary.updated.length}，未变化 ${summary.unchanged.length}，移除 ${summary.removed.length}；` +
            `本次处理 ${summary.passages} 个段落，用时 ${(summary.elapsedMs / 1000).toFixed(1)} 秒\n` +
            `索引：${stats.documents} 份报告，${stats.passages} 个段落，检索方式 ${stats.mode === 'hybrid' ? '向量+关键词' : '仅关键词'}\n`,
        );
      });
    });
}
