// The engine: the report library (@report-qa/library) opened from configuration, with the query log and shared WeChat state beside it.
import { indicatorDefinitions } from '../routes/indicators.js';
import type { EmbeddingsOptions, IngestProgress } from '@report-qa/retrieval';
import type { AppConfig } from './config.js';
import { openLibrary, type AnswerWorkerOptions, type KeywordOnlyReason, type OpenedLibrary, type OpenLibraryOptions } from '@report-qa/library';
import { memoryQueryLog, openPostgresAnswerLogging, openQueryLog, type AnswerLogging } from '@report-qa/feedback';
import { migrateDatabase } from './database.js';
import { createSharedWechatState, type SharedWechatState } from '@report-qa/wechat/postgres';

/** The opened library (index, answerer, library, extractor, warnings users should see, ingest) and what the app keeps beside it. */
export interface Engine extends OpenedLibrary {
  config: AppConfig;
  /** The query log in the index database (in memory when the index is opened read-only). */
  answerLogging: AnswerLogging;
  /** WeChat state shared with the other processes (DATABASE_URL set); absent for the embedded store. */
  sharedWechat?: SharedWechatState;
}

export interface EngineOptions {
  /** Bring the index up to date with the reports folder first (serve, ask, search). */
  ensureIndex?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** Open without writing (a second process reading while another ingests). */
  readOnly?: boolean;
  /** Told, in Chinese, what start-up repaired on its own (a rebuilt vector file, orphaned uploads): for the log. */
  onNotice?: (message: string) => void;
}

export function embeddingsOptions(config: AppConfig): EmbeddingsOptions {
  const embeddings = config.embeddings;
  if (embeddings.provider === 'none') return { provider: 'none' };
  if (embeddings.provider === 'openai') {
    return {
      provider: 'openai',
      baseURL: embeddings.baseURL,
      apiKey: embeddings.apiKey,
      model: embeddings.model,
      ...(embeddings.dimensions ? { dimensions: embeddings.dimensions } : {}),
    };
  }
  return {
    provider: 'local',
    model: embeddings.model,
    modelDir: embeddings.modelDir,
    workers: embeddings.workers,
    ...(embeddings.inThread ? { inThread: true } : {}),
    ...(embeddings.threads > 0 ? { threads: embeddings.threads } : {}),
    maxQueryBatch: embeddings.queryBatch,
  };
}

function llmOptions(config: AppConfig): OpenLibraryOptions['llm'] {
  return config.llm ? { baseURL: config.llm.baseURL, apiKey: config.llm.apiKey, model: config.llm.model, timeoutMs: config.llm.timeoutMs } : null;
}

/** What an answer worker thread opens (serve with ANSWER_WORKERS > 0). */
export function answerWorkerOptions(config: AppConfig): AnswerWorkerOptions {
  const indicators = indicatorDefinitions(config);
  return {
    indexDir: config.indexDir,
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    embeddings: embeddingsOptions(config),
    llm: llmOptions(config),
    ...(indicators ? { indicators } : {}),
  };
}

/** A keyword-only index explained with the settings that fix it. */
function keywordOnlyWarning(reason: KeywordOnlyReason): string {
  return reason.kind === 'disabled'
    ? '已按配置关闭向量检索（EMBEDDING_PROVIDER=none），仅使用关键词检索'
    : `向量模型不可用，已降级为仅关键词检索：${reason.error}（请设置 EMBEDDING_MODEL_DIR 指向包含 bge-small-zh-v1.5/ 的目录，或联网运行 report-qa model fetch 后运行 report-qa ingest）`;
}

/** The query log in the index folder; should it not open (a read-only disk), answers are still given and logged in memory. */
function openAnswerLogging(config: AppConfig, warnings: string[]): AnswerLogging {
  try {
    return openQueryLog({ indexDir: config.indexDir, ...config.queryLog });
  } catch (error) {
    warnings.push(`问答记录无法写入索引目录，本次运行的记录只保存在内存中：${error instanceof Error ? error.message : String(error)}`);
    return memoryQueryLog();
  }
}

export async function createEngine(config: AppConfig, options: EngineOptions = {}): Promise<Engine> {
  // Every package's tables, before anything opens them (processes starting at once take turns).
  if (config.databaseUrl && !options.readOnly) await migrateDatabase(config.databaseUrl);
  const opened = await openLibrary({
    dataDir: config.dataDir,
    reportsDir: config.reportsDir,
    indexDir: config.indexDir,
    databaseUrl: config.databaseUrl,
    embeddings: embeddingsOptions(config),
    llm: llmOptions(config),
    indicators: indicatorDefinitions(config),
    maxUploadBytes: config.maxUploadBytes,
    extraction: config.extraction,
    syncReports: options.ensureIndex ?? false,
    readOnly: options.readOnly ?? false,
    onProgress: options.onProgress,
    onNotice: options.onNotice,
    describeKeywordOnly: keywordOnlyWarning,
  });
  const { warnings } = opened;
  const databaseUrl = config.databaseUrl;
  const answerLogging = options.readOnly
    ? memoryQueryLog()
    : databaseUrl
      ? await openPostgresAnswerLogging({ url: databaseUrl, ...config.queryLog })
      : openAnswerLogging(config, warnings);
  const sharedWechat = databaseUrl && !options.readOnly ? createSharedWechatState(databaseUrl) : undefined;
  return {
    ...opened,
    config,
    answerLogging,
    ...(sharedWechat ? { sharedWechat } : {}),
    close: async () => {
      await sharedWechat?.close();
      await answerLogging.log.close();
      await opened.close();
    },
  };
}
