// ReportIndex: the persistent hybrid index of reports, for the API (search) and the CLI (ingest).
import type { Embeddings } from '@langchain/core/embeddings';
import { parseReport, type ChunkOptions } from '@report-qa/parser';
import { createEmbeddings, type EmbeddingsOptions } from './create-embeddings.js';
import { describeEmbeddings, type EmbeddingModelInfo } from './described-embeddings.js';
import type { FusionOptions } from './fuse-results.js';
import { IndexCore, type IndexRepair } from './index-core.js';
import {
  addReport,
  indexReports,
  type IndexReportsOptions,
  type IngestContext,
  type ParseFunction,
} from './ingest-reports.js';
import { createKeywordTokenizer, type KeywordTokenizer } from './keyword-tokenizer.js';
import { EmbeddingUnavailableError, RetrievalError } from './retrieval-error.js';
import { searchIndex } from './search-index.js';
import { SentenceVectorStore, type SentenceVectors } from './sentence-vectors.js';
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
  /** Why embeddings are off, when options asked for them and they could not be loaded. */
  embeddingError: string | null;
}

export class ReportIndex implements ReportSearcher {
  private readonly sentences: SentenceVectorStore;

  private constructor(
    private readonly core: IndexCore,
    private readonly embeddings: Embeddings | null,
    private readonly model: EmbeddingModelInfo | null,
    private readonly ownsEmbeddings: boolean,
    private readonly embeddingError: string | null,
    private readonly tokenizer: KeywordTokenizer,
    private readonly options: ReportIndexOptions,
  ) {
    this.sentences = new SentenceVectorStore(core.store.db, !core.readOnly);
  }

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
    const core = new IndexCore(dir, options.readOnly ?? false, options.onRepair);
    try {
      core.checkModel(model, false);
    } catch (error) {
      core.close();
      if (ownsEmbeddings) await closeEmbeddings(embeddings);
      throw error;
    }
    return new ReportIndex(core, embeddings, model, ownsEmbeddings, embeddingError, createKeywordTokenizer(), options);
  }

  /** 'hybrid' when embeddings are configured and the index has vectors (or is empty); otherwise 'keyword'. */
  get mode(): RetrievalMode {
    if (!this.embeddings) return 'keyword';
    return this.core.vectors || this.core.store.passageCount() === 0 ? 'hybrid' : 'keyword';
  }

  search(query: string, options?: SearchOptions): Promise<SearchResponse> {
    return searchIndex(
      { core: this.core, embeddings: this.embeddings, tokenizer: this.tokenizer, fusion: this.options.fusion ?? {}, mode: this.mode },
      query,
      options,
    );
  }

  getDocument(id: string): DocumentWithText | null {
    this.core.refresh();
    const document = this.core.documents.find((candidate) => candidate.id === id);
    const original = document ? this.core.store.original(id) : null;
    return document && original !== null ? { ...document, original } : null;
  }

  /** The report's sentence vectors from the configured model, or null (keyword-only, or not embedded yet). */
  sentenceVectors(id: string): SentenceVectors | null {
    if (!this.model || this.mode !== 'hybrid') return null;
    const document = this.core.documents.find((candidate) => candidate.id === id);
    return document ? this.sentences.get(id, document.contentHash, this.model.model) : null;
  }

  documents(): DocumentRecord[] {
    this.core.refresh();
    return this.core.documents;
  }

  corpus(): { regions: string[]; years: number[] } {
    this.core.refresh();
    const regions = new Set<string>();
    const years = new Set<number>();
    for (const { metadata } of this.core.documents) {
      if (metadata.region) regions.add(metadata.region);
      if (metadata.year !== null) years.add(metadata.year);
    }
    return { regions: [...regions].sort(), years: [...years].sort((a, b) => a - b) };
  }

  stats(): ReportIndexStats {
    this.core.refresh();
    return {
      documents: this.core.documents.length,
      passages: this.core.store.passageCount(),
      mode: this.mode,
      model: this.model,
      indexModel: this.core.indexModel,
      generation: this.core.generation,
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

  /** Removes a document from both indexes; false when the id is unknown. */
  removeDocument(id: string): boolean {
    this.core.refresh();
    if (!this.core.documents.some((document) => document.id === id)) return false;
    this.core.commit({ upserts: [], removals: [id] }, this.core.indexModel);
    this.sentences.prune();
    return true;
  }

  async close(): Promise<void> {
    this.core.close();
    if (this.ownsEmbeddings) await closeEmbeddings(this.embeddings);
  }

  private ingestContext(): IngestContext {
    if (this.options.readOnly) throw new RetrievalError('索引以只读方式打开，不能写入', { code: 'index_read_only' });
    return {
      core: this.core,
      embeddings: this.embeddings,
      model: this.model,
      tokenizer: this.tokenizer,
      parse: this.options.parse ?? parseReport,
      chunking: { ...DEFAULT_CHUNKING, ...this.options.chunking },
      sentences: this.sentences,
    };
  }
}

async function closeEmbeddings(embeddings: Embeddings | null): Promise<void> {
  const closable = embeddings as { close?: () => Promise<void> } | null;
  await closable?.close?.();
}
