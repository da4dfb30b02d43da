// `report-qa bench`: embedding speed, index build rate, search and /api/ask latency, memory, size and cold load, printed as figures.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { Hono } from 'hono';
import { createAnswerer } from '@report-qa/answer';
import { createEmbeddings, formatBenchmark, runBenchmark, type ReportIndex } from '@report-qa/retrieval';
import { loadConfig } from '../config/config.js';
import { embeddingsOptions } from '../config/engine.js';
import { createLogger } from '../config/logger.js';
import { createAskRoutes } from '../routes/ask.js';

/**
 * POST /api/ask through the real route (validation, answer, JSON), in process: the first question builds the answer
 * context over every report and is reported apart; the figure is the p50 of the rest, with p99 in the note.
 */
async function measureAsk(index: ReportIndex, queries: string[], count: number) {
  const answerer = createAnswerer({ searcher: index });
  const app = new Hono().route('/api/ask', createAskRoutes({ answerer, logger: createLogger({ logLevel: 'warn' }) }));
  const ask = async (question: string) => {
    const response = await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question, mode: 'extractive' }) });
    if (!response.ok) throw new Error(`/api/ask 返回 ${response.status}：${await response.text()}`);
    await response.text();
  };
  let started = performance.now();
  await ask(queries[0]!);
  const first = performance.now() - started;
  const times: number[] = [];
  for (let n = 0; n < count; n++) {
    started = performance.now();
    await ask(queries[(n + 1) % queries.length]!);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return [
    {
      name: 'POST /api/ask p50 / p99',
      value: at(0.5),
      unit: 'ms',
      note: `p99 ${Math.round(at(0.99) * 10) / 10} ms over ${count} extractive answers in process; the first (builds the answer context) ${Math.round(first)} ms`,
    },
  ];
}

export function registerBenchCommand(program: Command): void {
  program
    .command('bench')
    .description('性能基准：向量化速度、建索引速度、检索与 /api/ask 延迟 p50/p99、内存、索引大小、冷启动加载时间')
    .option('--synthetic <n>', '合成语料的段落数（0 跳过）', (value) => Number.parseInt(value, 10), 100_000)
    .option('--synthetic-dir <dir>', '合成索引保存在此并在之后的运行中复用（默认每次重建并删除）')
    .option('--searches <n>', '每项延迟测量的检索次数', (value) => Number.parseInt(value, 10), 100)
    .option('--postgres <url>', '合成语料也在 PostgreSQL + pgvector 中测量（在该库的临时 schema 中，结束后删除；默认 DATABASE_URL）')
    .option('--json', '输出 JSON')
    .action(async (options: { synthetic: number; syntheticDir?: string; searches: number; postgres?: string; json?: boolean }) => {
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
          ...((options.postgres ?? config.databaseUrl) ? { databaseUrl: (options.postgres ?? config.databaseUrl)! } : {}),
          searches: options.searches,
          ...(options.syntheticDir ? { syntheticDir: resolve(options.syntheticDir) } : {}),
          measure: (index, _corpus, queries) => measureAsk(index, queries, options.searches),
          onProgress: (message) => process.stderr.write(`${message}\n`),
        });
        process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatBenchmark(report)}\n`);
      } finally {
        await embeddings?.close?.();
      }
    });
}
