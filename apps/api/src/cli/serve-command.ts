// `report-qa serve`: builds the index when missing, then serves the API and the web app.
import type { Command } from 'commander';
import { serve } from '@hono/node-server';
import { availableParallelism } from 'node:os';
import { loadConfig, type AppConfig } from '../config/config.js';
import { createLogger } from '../config/logger.js';
import { createAnswerPool } from '@report-qa/library';
import { createServerApp } from '../routes/server-app.js';
import { answerWorkerOptions, createEngine } from '../config/engine.js';
import { ingestProgressPrinter } from './ingest-progress.js';
import { fetchModelOnStart } from './fetch-model.js';

/**
 * The pool's models: in each answer thread unless ANSWER_EMBEDDING=worker, and sharing the cores unless
 * EMBEDDING_THREADS says otherwise (one ONNX thread per answer worker and core).
 */
function poolConfig(config: AppConfig): AppConfig {
  if (config.embeddings.provider !== 'local') return config;
  const threads = config.embeddings.threads > 0 ? config.embeddings.threads : Math.max(1, Math.floor(availableParallelism() / config.answerWorkers));
  return { ...config, embeddings: { ...config.embeddings, threads, inThread: config.answerEmbedding === 'in-thread' } };
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('启动 API 与网页应用（默认端口 3000；缺少索引时先建立索引）')
    .option('--port <n>', '端口', (value) => Number.parseInt(value, 10))
    .option('--host <host>', '监听地址')
    .action(async (options: { port?: number; host?: string }) => {
      const config = loadConfig();
      if (options.port !== undefined) config.port = options.port;
      if (options.host) config.host = options.host;
      const logger = createLogger(config);
      // A new user with internet gets the model before the first indexing (not in CI, not with EMBEDDING_ALLOW_REMOTE=0).
      await fetchModelOnStart(config);
      const engine = await createEngine(config, {
        ensureIndex: true,
        onProgress: ingestProgressPrinter(),
        onNotice: (message) => {
          process.stderr.write(`提示：${message}\n`);
          logger.warn({ notice: message }, 'start-up repair');
        },
      });
      for (const warning of engine.warnings) process.stderr.write(`警告：${warning}\n`);
      // One question before listening loads the model and the answer context, so the first user waits no longer.
      await engine.answerer.ask({ question: '法治政府建设情况', mode: 'extractive' }).catch((error: unknown) => {
        logger.warn({ err: error }, 'warm-up question failed');
      });
      // ANSWER_WORKERS > 0: answers are computed in worker threads (one per core is what the load benchmark favours);
      // HTTP, WeChat state, rate limits and load shedding stay here, in one place.
      const pool = config.answerWorkers > 0 ? await createAnswerPool(answerWorkerOptions(poolConfig(config)), config.answerWorkers) : null;
      const app = createServerApp(pool ? { ...engine, answerer: pool } : engine, logger);
      const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
        const host = info.address.includes(':') ? `[${info.address}]` : info.address;
        process.stdout.write(`report-qa listening on http://${host}:${info.port}\n`);
        if (config.host === '127.0.0.1' || config.host === 'localhost') {
          process.stdout.write(`打开 http://localhost:${info.port} 开始提问；API 文档：http://localhost:${info.port}/api/docs\n`);
        }
      });
      const shutdown = () => {
        server.close(() => void Promise.all([pool?.close(), engine.close()]).finally(() => process.exit(0)));
        setTimeout(() => process.exit(0), 3000).unref();
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
}
