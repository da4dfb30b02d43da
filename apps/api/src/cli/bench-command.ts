// `report-qa bench`: embedding speed, index build rate, search latency, memory, size and cold load, printed as figures.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { createEmbeddings, formatBenchmark, runBenchmark } from '@report-qa/retrieval';
import { loadConfig } from '../config.js';
import { embeddingsOptions } from '../engine.js';

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('性能基准：向量化速度、建索引速度、检索延迟 p50/p99、内存、索引大小、冷启动加载时间')
    .option('--synthetic <n>', '合成语料的段落数（0 跳过）', (value) => Number.parseInt(value, 10), 100_000)
    .option('--searches <n>', '每项延迟测量的检索次数', (value) => Number.parseInt(value, 10), 100)
    .option('--json', '输出 JSON')
    .action(async (options: { synthetic: number; searches: number; json?: boolean }) => {
      const config = loadConfig();
      const embeddings = await createEmbeddings(embeddingsOptions(config)).catch((error: unknown) => {
        process.stderr.write(`警告：向量模型不可用，只测关键词检索：${error instanceof Error ? error.message : String(error)}\n`);
        return null;
      });
      try {
        const report = await runBenchmark({
          reportsDir: config.reportsDir,
          workDir: join(tmpdir(), `report-qa-bench-${process.pid}`),
          embeddings,
          syntheticPassages: options.synthetic,
          searches: options.searches,
          onProgress: (message) => process.stderr.write(`${message}\n`),
        });
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatBenchmark(report)}\n`);
      } finally {
        await embeddings?.close?.();
      }
    });
}
