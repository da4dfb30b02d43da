// The engine: one report index, the answerer over it and the library that writes to it, built from configuration.
import { existsSync } from 'node:fs';
import { createAnswerer } from '@report-qa/answer';
import { createIndicatorTable } from '@report-qa/indicators';
import { indicatorDefinitions } from './routes/indicators.js';
import type { Answerer } from '@report-qa/answer';
import { ReportIndex, type EmbeddingsOptions, type IngestProgress, type IngestSummary } from '@report-qa/retrieval';
import type { AppConfig } from './config.js';
import { createWorkerExtractor, type ReportExtractor } from '@report-qa/formats';
import { createLibrary, uploadedSources } from './create-library.js';
import { IngestFilesError, ingestPaths } from './ingest-paths.js';
import { parseAnyReport } from './parse-any-report.js';
import type { Library } from './library.js';
import { memoryQueryLog, openPostgresAnswerLogging, openQueryLog, type AnswerLogging } from '@report-qa/feedback';
import { describeReconcile, reconcileUploads } from './reconcile-uploads.js';
import { describeIndexCorruption, describeStorageFailure } from './storage-error.js';
import { migrateDatabase } from './database.js';
import { createSharedWechatState, type SharedWechatState } from '@report-qa/wechat/postgres';

export interface Engine {
  config: AppConfig;
  index: ReportIndex;
  answerer: Answerer;
  library: Library;
  /** The query log in the index database (in memory when the index is opened read-only). */
  answerLogging: AnswerLogging;
  /** Problems users should see (keyword-only mode, a missing model), in Chinese. */
  warnings: string[];
  /** WeChat state shared with the other processes (DATABASE_URL set); absent for the embedded store. */
  sharedWechat?: SharedWechatState;
  ingest(paths: string[], onProgress?: (progress: IngestProgress) => void): Promise<IngestSummary>;
  close(): Promise<void>;
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

/** Extraction of uploads and folder files: in a worker thread, within the configured limits. */
export function createExtractor(config: AppConfig): ReportExtractor {
  return createWorkerExtractor({
    timeoutMs: config.extraction.timeoutMs,
    maxMemoryMb: config.extraction.maxMemoryMb,
    limits: { maxCharacters: config.extraction.maxCharacters, maxBytes: config.maxUploadBytes },
  });
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
    ...(embeddings.threads > 0 ? { threads: embeddings.threads } : {}),
    maxQueryBatch: embeddings.queryBatch,
  };
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
  const index = await ReportIndex.open(config.indexDir, {
    embeddings: embeddingsOptions(config),
    readOnly: options.readOnly ?? false,
    parse: parseAnyReport,
    onRepair: (repair) => options.onNotice?.(repair.message),
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
  }).catch((error: unknown) => {
    throw describeIndexCorruption(error, config) ?? describeStorageFailure(error, config.indexDir, '打开索引') ?? error;
  });
  const extract = createExtractor(config);
  const warnings: string[] = [];
  const stats = index.stats();
  if (config.embeddings.provider === 'none') {
    warnings.push('已按配置关闭向量检索（EMBEDDING_PROVIDER=none），仅使用关键词检索');
  } else if (stats.embeddingError) {
    warnings.push(`向量模型不可用，已降级为仅关键词检索：${stats.embeddingError}（请设置 EMBEDDING_MODEL_DIR 指向包含 bge-small-zh-v1.5/ 的目录，或联网运行 report-qa model fetch 后运行 report-qa ingest）`);
  }
  const ingest = (paths: string[], onProgress?: (progress: IngestProgress) => void, prune = true) =>
    ingestPaths(index, paths, { keep: uploadedSources(config), maxBytes: config.maxUploadBytes, extract, maxCharacters: config.extraction.maxCharacters, prune, ...(onProgress ? { onProgress } : {}) }).catch(
      (error: unknown) => {
        throw describeStorageFailure(error, config.indexDir, '写入索引') ?? error;
      },
    );
  // Incremental: unchanged reports are skipped, new or edited ones indexed, and vectors added to a keyword-only index.
  // Nothing is removed here, so reports ingested from elsewhere survive a restart; `report-qa ingest` prunes.
  if (options.ensureIndex && existsSync(config.reportsDir)) {
    // An unreadable file in the reports folder is a warning at start, not a server that will not start.
    await ingest([config.reportsDir], options.onProgress, false).catch((error: unknown) => {
      if (!(error instanceof IngestFilesError)) throw error;
      warnings.push(error.message);
    });
  }
  // An upload's original without its document (a kill -9 mid-upload, a rebuilt index) is indexed or set aside.
  if (options.ensureIndex && !options.readOnly) {
    const reconciled = await reconcileUploads(index, config, extract).catch((error: unknown) => {
      throw describeStorageFailure(error, config.indexDir, '写入索引') ?? error;
    });
    for (const line of describeReconcile(reconciled, 'start')) options.onNotice?.(line);
  }
  const definitions = indicatorDefinitions(config);
  const answerer = createAnswerer({
    searcher: index,
    indicators: createIndicatorTable(definitions ? { definitions } : {}),
    isUpload: (document) => uploadedSources(config).has(document.source),
    ...(config.llm ? { llm: { baseURL: config.llm.baseURL, apiKey: config.llm.apiKey, model: config.llm.model, timeoutMs: config.llm.timeoutMs } } : {}),
  });
  const library = createLibrary({ index, config, warnings, extract });
  const databaseUrl = config.databaseUrl;
  const answerLogging = options.readOnly
    ? memoryQueryLog()
    : databaseUrl
      ? await openPostgresAnswerLogging({ url: databaseUrl, ...config.queryLog })
      : openAnswerLogging(config, warnings);
  const sharedWechat = databaseUrl && !options.readOnly ? createSharedWechatState(databaseUrl) : undefined;
  return {
    config,
    index,
    answerer,
    library,
    answerLogging,
    warnings,
    ...(sharedWechat ? { sharedWechat } : {}),
    ingest,
    close: async () => {
      await sharedWechat?.close();
      await answerLogging.log.close();
      await index.close();
    },
  };
}
