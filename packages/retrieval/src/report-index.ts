// ReportIndex: the persistent hybrid index of reports, for the API (search) and the CLI (ingest).
import type { Embeddings } from '@langchain/core/embeddings';
import { parseReport, type ChunkOptions } from '@report-qa/parser';
import { createEmbeddings, type EmbeddingsOptions } from './create-embeddings.js';
import { describeEmbeddings, type EmbeddingModelInfo } from './described-embeddings.js';
import type { FusionOptions } from './fuse-results.js';
import { openEmbeddedBackend } from './embedded-index-backend.js';
import type { IndexBackend } from './index-backend.js';
import type { IndexRepair } from './index-core.js';
import {
  addReport,
  indexReports,
  type IndexReportsOptions,
  type IngestContext,
  type ParseFunction,
} from './ingest-reports.js';
import { createKeywordTokenizer, type KeywordTokenizer } from './keyword-tokenizer.js';
import { EmbeddingUnavailableError, RetrievalError } from './retrieval-error.js';
import { openPostgresBackend } from './postgres/postgres-index-backend.js';
import type { SentenceVectors } from './sentence-vectors.js';
import type {
  DocumentRecord,
  DocumentWithText,
  IngestSummary,
  ReportSearcher,
  RetrievalMode,
  SearchOptions,
  SearchResponse,
} from './types.js';

/** Passage sizes used unless the app says otherwise: about 300 characters, sentence-aligned, 80 characters of overlap. */
export const DEFAULT_CHUNKING: ChunkOptions = { targetSize: 300, maxSize: 500, overlap: 80 };

export interface ReportIndexOptions {
  /**
   * Embeddings instance, options for createEmbeddings, or null for keyword-only. With options, a model that
   * cannot be loaded (EmbeddingUnavailableError) puts the index in keyword-only mode instead of failing.
   */
  embeddings?: Embeddings | EmbeddingsOptions | null;
  /** Name and vector size for a LangChain Embeddings that does not carry them (model and dimensions properties). */
  embeddingModel?: EmbeddingModelInfo;
  chunking?: ChunkOptions;
  fusion?: FusionOptions;
  /** Open without writing anything (the API while the CLI ingests). */
  readOnly?: boolean;
  /** Parses a report (default @report-qa/parser's parseReport). */
  parse?: ParseFunction;
  /** Told when the index repairs itself (a vector file that failed its checksum, rebuilt from the stored vectors). */
  onRepair?: (repair: IndexRepair) => void;
  /** postgres:// URL: keep the index in PostgreSQL + pgvector (shared by several processes) instead of files in dir. */
  databaseUrl?: string;
}

export interface ReportIndexStats {
  documents: number;
  passages: number;
  mode: RetrievalMode;
  /** Model of the configured embeddings, or null in keyword-only mode. */
  model: EmbeddingModelInfo | null;
  /** Model that built the stored vectors. */
  indexModel: EmbeddingModelInfo | null;
  generation: number;
  /** Which store holds the index. */
  store: 'embedded' | 'postgres';
  /** Why embeddings are off, when options asked for them and they could not be loaded. */
  embeddingError: string | null;
}

export class ReportIndex implements ReportSearcher {
  private constructor(
    private readonly backend: IndexBackend,
    private readonly embeddings: Embeddings | null,
    private readonly model: EmbeddingModelInfo | null,
    private readonly ownsEmbeddings: boolean,
    private readonly embeddingError: string | null,
    private readonly tokenizer: KeywordTokenizer,
    private readonly options: ReportIndexOptions,
  ) {}

  /** Opens (or creates) the index in dir; throws EmbeddingModelMismatchError when it was built by another model. */
  static async open(dir: string, options: ReportIndexOptions = {}): Promise<ReportIndex> {
    let embeddings: Embeddings | null = null;
    let ownsEmbeddings = false;
    let embeddingError: string | null = null;
    const given = options.embeddings ?? null;
    if (given && 'provider' in given && !('embedQuery' in given)) {
      try {
        embeddings = await createEmbeddings(given);
        ownsEmbeddings = true;
      } catch (error) {
        if (!(error instanceof EmbeddingUnavailableError)) throw error;
        embeddingError = error.message;
      }
    } else {
      embeddings = given as Embeddings | null;
    }
    let model: EmbeddingModelInfo | null = null;
    if (embeddings) {
      const described = { ...describeEmbeddings(embeddings), ...options.embeddingModel };
      const dimensions = described.dimensions ?? (await embeddings.embedQuery('测试')).length;
      model = { model: described.model ?? embeddings.constructor.name, dimensions };
    }
    let backend: IndexBackend;
    try {
      backend = options.databaseUrl
        ? await openPostgresBackend(options.databaseUrl, { readOnly: options.readOnly ?? false })
        : openEmbeddedBackend(dir, options.readOnly ?? false, options.onRepair);
    } catch (error) {
      if (ownsEmbeddings) await closeEmbeddings(embeddings);
      throw error;
    }
    try {
      backend.checkModel(model, false);
    } catch (error) {
      await backend.close();
      if (ownsEmbeddings) await closeEmbeddings(embeddings);
      throw error;
    }
    return new ReportIndex(backend, embeddings, model, ownsEmbeddings, embeddingError, createKeywordTokenizer(), options);
  }

  /** 'hybrid' when embeddings are configured and the index has vectors (or is empty); otherwise 'keyword'. */
  get mode(): RetrievalMode {
    if (!this.embeddings) return 'keyword';
    return this.backend.hasVectors() || this.backend.passageCount() === 0 ? 'hybrid' : 'keyword';
  }

  /** Which store holds the index. */
  get store(): 'embedded' | 'postgres' {
    return this.backend.kind;
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchResponse> {
    await this.backend.refresh();
    const setup = { embeddings: this.embeddings, tokenizer: this.tokenizer, fusion: this.options.fusion ?? {}, mode: this.mode };
    const response = await this.backend.search(setup, query, options);
    // The answerer reads the sentence vectors of the results synchronously: a remote store loads them now.
    if (this.model && setup.mode === 'hybrid' && this.backend.kind !== 'embedded') {
      const ids = new Set(response.results.map((result) => result.docId));
      await this.backend.sentences.preload(this.backend.documents().filter((document) => ids.has(document.id)), this.model.model);
    }
    return response;
  }

  /** Picks up what other processes committed (a cheap generation check): call before serving a request. */
  refresh(): Promise<void> {
    return this.backend.refresh();
  }

  getDocument(id: string): DocumentWithText | null {
    const document = this.backend.documents().find((candidate) => candidate.id === id);
    const original = document ? this.backend.original(id) : null;
    return document && original !== null ? { ...document, original } : null;
  }

  /** The report's sentence vectors from the configured model, or null (keyword-only, or not embedded yet). */
  sentenceVectors(id: string): SentenceVectors | null {
    if (!this.model || this.mode !== 'hybrid') return null;
    const document = this.backend.documents().find((candidate) => candidate.id === id);
    return document ? this.backend.sentences.get(id, document.contentHash, this.model.model) : null;
  }

  documents(): DocumentRecord[] {
    return this.backend.documents();
  }

  corpus(): { regions: string[]; years: number[] } {
    const regions = new Set<string>();
    const years = new Set<number>();
    for (const { metadata } of this.backend.documents()) {
      if (metadata.region) regions.add(metadata.region);
      if (metadata.year !== null) years.add(metadata.year);
    }
    return { regions: [...regions].sort(), years: [...years].sort((a, b) => a - b) };
  }

  stats(): ReportIndexStats {
    const documents = this.backend.documents();
    return {
      documents: documents.length,
      passages: this.backend.passageCount(),
      mode: this.mode,
      model: this.model,
      indexModel: this.backend.indexModel(),
      generation: this.backend.generation(),
      store: this.backend.kind,
      embeddingError: this.embeddingError,
    };
  }

  /** Indexes files or a directory incrementally: unchanged skipped, changed replaced, gone removed (directory). */
  async indexReports(input: string | string[], options?: IndexReportsOptions): Promise<IngestSummary> {
    return indexReports(this.ingestContext(), input, options);
  }

  /** Indexes an uploaded report (bytes or text); the same source name replaces the earlier upload. */
  async addReport(input: string | Uint8Array, source: string, options?: IndexReportsOptions): Promise<IngestSummary> {
    return addReport(this.ingestContext(), input, source, options);
  }

  /** Removes a document from the index, on either store; false when the id is unknown. */
  async deleteDocument(id: string): Promise<boolean> {
    if (this.options.readOnly) throw new RetrievalError('索引以只读方式打开，不能写入', { code: 'index_read_only' });
    await this.backend.refresh();
    if (!this.backend.documents().some((document) => document.id === id)) return false;
    await this.backend.commit({ upserts: [], removals: [id] }, this.backend.indexModel());
    await this.backend.sentences.prune();
    return true;
  }

  /** Removes a document synchronously (embedded store only; deleteDocument works on both); false when the id is unknown. */
  removeDocument(id: string): boolean {
    if (!this.backend.removeNow) throw new RetrievalError('PostgreSQL 存储请使用 deleteDocument', { code: 'index_async_only' });
    return this.backend.removeNow(id);
  }

  async close(): Promise<void> {
    await this.backend.close();
    if (this.ownsEmbeddings) await closeEmbeddings(this.embeddings);
  }

  private ingestContext(): IngestContext {
    if (this.options.readOnly) throw new RetrievalError('索引以只读方式打开，不能写入', { code: 'index_read_only' });
    return {
      backend: this.backend,
      embeddings: this.embeddings,
      model: this.model,
      tokenizer: this.tokenizer,
      parse: this.options.parse ?? parseReport,
      chunking: { ...DEFAULT_CHUNKING, ...this.options.chunking },
      sentences: this.backend.sentences,
    };
  }
}

async function closeEmbeddings(embeddings: Embeddings | null): Promise<void> {
  const closable = embeddings as { close?: () => Promise<void> } | null;
  await closable?.close?.();
}
