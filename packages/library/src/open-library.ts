// Opens the report library: the index, the extractor, the answerer over it and the library that writes to it, from paths and options.
import { existsSync } from 'node:fs';
import type { Answerer, AnswererOptions } from '@report-qa/answer';
import { createWorkerExtractor, type ReportExtractor } from '@report-qa/formats';
import type { IndicatorDefinition } from '@report-qa/indicators';
import { ReportIndex, type EmbeddingsOptions, type IngestProgress, type IngestSummary } from '@report-qa/retrieval';
import { createLibrary } from './create-library.js';
import { IngestFilesError, ingestPaths } from './ingest-paths.js';
import type { Library, LibraryPaths } from './library.js';
import { describeIndexCorruption, describeStorageFailure } from './library-storage-error.js';
import { parseAnyReport } from './parse-any-report.js';
import { describeReconcile, reconcileUploads } from './reconcile-uploads.js';
import { createLibraryAnswerer } from './library-answerer.js';
import { uploadedSources } from './uploads-folder.js';

/** Why the index searches by keywords only: embeddings switched off, or a model that could not be used (with its error). */
export type KeywordOnlyReason = { kind: 'disabled' } | { kind: 'model-unavailable'; error: string };

/** Limits on turning a file into text in the extraction worker: longest text, the worker's time and heap. */
export interface ExtractionLimits {
  maxCharacters: number;
  timeoutMs: number;
  maxMemoryMb: number;
}

export interface OpenLibraryOptions extends LibraryPaths {
  /** postgres:// URL: the index in PostgreSQL + pgvector, shared by several processes; null for the files in indexDir. */
  databaseUrl?: string | null;
  embeddings: EmbeddingsOptions;
  /** An OpenAI-compatible LLM for the answerer; null or absent for extractive answers. */
  llm?: AnswererOptions['llm'] | null;
  /** The indicator list the answerer compares with (default: the bundled one). */
  indicators?: readonly IndicatorDefinition[];
  /** Largest upload or report file read, in bytes. */
  maxUploadBytes: number;
  extraction: ExtractionLimits;
  /** Bring the index up to date with reportsDir first, and index the uploads a crash left without a document. */
  syncReports?: boolean;
  /** Open without writing (a second process reading while another ingests). */
  readOnly?: boolean;
  onProgress?: (progress: IngestProgress) => void;
  /** Told, in Chinese, what opening repaired on its own (a rebuilt vector file, orphaned uploads): for the app's log. */
  onNotice?: (message: string) => void;
  /** Words a keyword-only index for users (first of `warnings`); the app names its own settings here. */
  describeKeywordOnly?: (reason: KeywordOnlyReason) => string;
}

export interface OpenedLibrary {
  index: ReportIndex;
  answerer: Answerer;
  library: Library;
  /** Turns DOCX, PDF and HTML into text in a worker thread, within the limits given. */
  extract: ReportExtractor;
  /** Problems users should see, in Chinese (keyword-only mode, unreadable report files); library.status() reports them, the app may add its own. */
  warnings: string[];
  /** Indexes files and folders; documents whose files left a given folder are removed (uploads excepted). */
  ingest(paths: string[], onProgress?: (progress: IngestProgress) => void): Promise<IngestSummary>;
  close(): Promise<void>;
}

function defaultKeywordOnly(reason: KeywordOnlyReason): string {
  return reason.kind === 'disabled' ? '已按配置关闭向量检索，仅使用关键词检索' : `向量模型不可用，已降级为仅关键词检索：${reason.error}`;
}

/** Extraction of uploads and folder files: in a worker thread, within the given limits. */
export function createLibraryExtractor({ extraction, maxUploadBytes }: Pick<OpenLibraryOptions, 'extraction' | 'maxUploadBytes'>): ReportExtractor {
  return createWorkerExtractor({
    timeoutMs: extraction.timeoutMs,
    maxMemoryMb: extraction.maxMemoryMb,
    limits: { maxCharacters: extraction.maxCharacters, maxBytes: maxUploadBytes },
  });
}

/**
 * Opens the index (a damaged one is refused with a LibraryStorageError saying to run the repair), optionally syncs it
 * with the reports folder and the uploads, and builds the answerer and the library over it. Logs nothing: notices go to
 * `onNotice`, problems for users into `warnings`.
 */
export async function openLibrary(options: OpenLibraryOptions): Promise<OpenedLibrary> {
  const paths: LibraryPaths = { dataDir: options.dataDir, reportsDir: options.reportsDir, indexDir: options.indexDir };
  const index = await ReportIndex.open(options.indexDir, {
    embeddings: options.embeddings,
    readOnly: options.readOnly ?? false,
    parse: parseAnyReport,
    onRepair: (repair) => options.onNotice?.(repair.message),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  }).catch((error: unknown) => {
    throw describeIndexCorruption(error, paths) ?? describeStorageFailure(error, options.indexDir, '打开索引') ?? error;
  });
  const extract = createLibraryExtractor(options);
  const warnings: string[] = [];
  const describeKeywordOnly = options.describeKeywordOnly ?? defaultKeywordOnly;
  const stats = index.stats();
  if (options.embeddings.provider === 'none') {
    warnings.push(describeKeywordOnly({ kind: 'disabled' }));
  } else if (stats.embeddingError) {
    warnings.push(describeKeywordOnly({ kind: 'model-unavailable', error: stats.embeddingError }));
  }
  const ingest = (targets: string[], onProgress?: (progress: IngestProgress) => void, prune = true) =>
    ingestPaths(index, targets, {
      keep: uploadedSources(paths),
      maxBytes: options.maxUploadBytes,
      extract,
      maxCharacters: options.extraction.maxCharacters,
      prune,
      ...(onProgress ? { onProgress } : {}),
    }).catch((error: unknown) => {
      throw describeStorageFailure(error, options.indexDir, '写入索引') ?? error;
    });
  // Incremental: unchanged reports are skipped, new or edited ones indexed, and vectors added to a keyword-only index.
  // Nothing is removed here, so reports ingested from elsewhere survive a restart; an explicit ingest prunes.
  if (options.syncReports && existsSync(options.reportsDir)) {
    // An unreadable file in the reports folder is a warning at start, not a server that will not start.
    await ingest([options.reportsDir], options.onProgress, false).catch((error: unknown) => {
      if (!(error instanceof IngestFilesError)) throw error;
      warnings.push(error.message);
    });
  }
  // An upload's original without its document (a kill -9 mid-upload, a rebuilt index) is indexed or set aside.
  if (options.syncReports && !options.readOnly) {
    const reconciled = await reconcileUploads(index, options, extract).catch((error: unknown) => {
      throw describeStorageFailure(error, options.indexDir, '写入索引') ?? error;
    });
    for (const line of describeReconcile(reconciled, 'start')) options.onNotice?.(line);
  }
  const answerer = createLibraryAnswerer(index, options);
  const library = createLibrary({
    ...paths,
    index,
    embeddingProvider: options.embeddings.provider,
    warnings,
    extract,
    maxUploadBytes: options.maxUploadBytes,
  });
  return {
    index,
    answerer,
    library,
    extract,
    warnings,
    ingest: (targets, onProgress) => ingest(targets, onProgress),
    close: () => index.close(),
  };
}
