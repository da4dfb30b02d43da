// The store behind ReportIndex: embedded (SQLite + hnswlib) or PostgreSQL + pgvector. Search, ingest, delete and
// reindex go through this interface only, so they do not know which one they run on.
import type { Embeddings } from '@langchain/core/embeddings';
import type { EmbeddingModelInfo } from './described-embeddings.js';
import type { FusionOptions } from './fuse-results.js';
import type { IndexChanges } from './index-core.js';
import type { KeywordTokenizer } from './keyword-tokenizer.js';
import type { SentenceVectors } from './sentence-vectors.js';
import type { DocumentRecord, RetrievalMode, SearchOptions, SearchResponse } from './types.js';

/** What a search needs besides the store: the query's embeddings, tokenizer and fusion settings. */
export interface SearchSetup {
  embeddings: Embeddings | null;
  tokenizer: KeywordTokenizer;
  fusion: FusionOptions;
  /** The best mode available: 'keyword' when there are no embeddings or no stored vectors. */
  mode: RetrievalMode;
}

/** Sentence vectors per report. `get` answers from memory (the answerer calls it synchronously); the rest may wait on the store. */
export interface SentenceVectorBackend {
  get(docId: string, contentHash: string, model: string): SentenceVectors | null;
  /** Loads the vectors of these reports into memory so that `get` finds them (a no-op where `get` reads the store itself). */
  preload(documents: readonly DocumentRecord[], model: string): Promise<void>;
  has(docId: string, contentHash: string, model: string): Promise<boolean>;
  put(docId: string, contentHash: string, model: string, value: SentenceVectors): Promise<void>;
  /** Drops the vectors of documents that are gone. */
  prune(): Promise<void>;
}

export interface IndexBackend {
  readonly kind: 'embedded' | 'postgres';
  readonly readOnly: boolean;
  /** Picks up what other processes committed: after it resolves, the synchronous reads below show their commits. */
  refresh(): Promise<void>;
  /** The documents as last refreshed (the embedded store rereads them itself when another connection committed). */
  documents(): DocumentRecord[];
  /** A document's decoded original text, or null when the id is unknown. */
  original(id: string): string | null;
  passageCount(): number;
  /** Whether the store holds vectors to search. */
  hasVectors(): boolean;
  generation(): number;
  /** Model that built the stored vectors, or null while none are stored. */
  indexModel(): EmbeddingModelInfo | null;
  /** Refuses an index built by another model; in keyword-only mode (configured null) an index with vectors is still searchable. */
  checkModel(configured: EmbeddingModelInfo | null, forWriting: boolean): void;
  search(setup: SearchSetup, query: string, options: SearchOptions): Promise<SearchResponse>;
  /** Stored vectors by embed hash, so unchanged passages are not embedded again. */
  cachedVectors(embedHashes: readonly string[]): Promise<Map<string, Float32Array>>;
  /** A document stored without vectors (keyword-only ingest) needs them once embeddings are configured. */
  lacksVectors(docId: string): Promise<boolean>;
  /** Removals and upserts in one atomic commit: other processes see all of it or none of it. */
  commit(changes: IndexChanges, model: EmbeddingModelInfo | null): Promise<void>;
  readonly sentences: SentenceVectorBackend;
  /** Synchronous removal for callers that predate the async interface (embedded store only). */
  removeNow?(docId: string): boolean;
  close(): Promise<void>;
}
