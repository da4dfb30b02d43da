// Public data types of retrieval: stored passages, filters, results, documents, progress.
import type { AdministrativeLevel, ReportMetadata } from '@report-qa/parser';
import type { SentenceVectors } from './sentence-vectors.js';

/** A passage as stored in the index, with the identity of its report. */
export interface PassageRecord {
  chunkId: string;
  docId: string;
  /** The report's file name, e.g. 000_2c522bdb5677e79f.txt. */
  source: string;
  title: string | null;
  region: string | null;
  regionPath: string[];
  level: AdministrativeLevel | null;
  year: number | null;
  sectionPath: string;
  /** Cleaned passage text. */
  text: string;
  /** Offsets into the report's decoded original text. */
  start: number;
  end: number;
}

export interface SearchResult extends PassageRecord {
  /** Fused score, higher is better. */
  score: number;
}

export interface SearchFilters {
  /** A region name as users write it (海西州, 城东区, 西宁); matched against region paths. */
  region?: string | string[];
  year?: number | number[];
  level?: AdministrativeLevel;
  docId?: string | string[];
}

export type RetrievalMode = 'hybrid' | 'vector' | 'keyword';

export interface SearchOptions {
  topK?: number;
  /** Explicit filters; each field given here wins over what is inferred from the query. */
  filters?: SearchFilters;
  /** Infer region and year filters from the query text (default true). */
  inferFilters?: boolean;
  /** The date the question was asked, to read 今年, 去年 and 前年 (relative years are not read without it). */
  now?: Date;
  mode?: RetrievalMode;
  /**
   * The query's vector from an earlier search of the same question (SearchResponse.queryVector): a follow-up search
   * (one report, one comparison row) then skips the model.
   */
  queryVector?: number[] | null;
}

/** What was understood from the query and applied. */
export interface QueryScope {
  /** Filters actually applied (explicit ones merged with inferred ones). */
  filters: SearchFilters;
  /** Regions and years named in the query that exist in the corpus. */
  inferred: { regions: string[]; years: number[] };
  /** Regions and years named in the query that are not in the corpus. */
  missing: { regions: string[]; years: number[] };
  /** Places named in the query that lie inside a covered region but have no report of their own (德令哈 in 海西州). */
  inside?: { place: string; region: string }[];
}

export interface SearchResponse {
  results: SearchResult[];
  scope: QueryScope;
  /** Which retrievers ran: 'keyword' alone when no embeddings are available. */
  mode: RetrievalMode;
  /** The embedded query (with the model's query instruction), when vectors were searched. */
  queryVector?: number[] | null;
}

/** A report in the library. */
export interface DocumentRecord {
  id: string;
  source: string;
  /** sha256 of the decoded text. */
  contentHash: string;
  metadata: ReportMetadata;
  passages: number;
  /** ISO timestamp. */
  indexedAt: string;
}

export interface DocumentWithText extends DocumentRecord {
  /** The decoded original text that passage offsets index into. */
  original: string;
}

export type IngestProgress =
  | { phase: 'parse'; file: string; done: number; total: number }
  | { phase: 'embed'; done: number; total: number }
  | { phase: 'index'; done: number; total: number }
  | { phase: 'skip'; file: string; reason: 'unchanged' }
  | { phase: 'remove'; docId: string; source: string };

export interface IngestSummary {
  added: string[];
  updated: string[];
  unchanged: string[];
  removed: string[];
  passages: number;
  elapsedMs: number;
}

/** The read side of the index that answering needs. */
export interface ReportSearcher {
  search(query: string, options?: SearchOptions): Promise<SearchResponse>;
  /** A document with its decoded original text, or null when the id is unknown. */
  getDocument(id: string): DocumentWithText | null;
  documents(): DocumentRecord[];
  /** Regions (full names, e.g. 西宁市城东区) and years present in the corpus, for 'not found' messages. */
  corpus(): { regions: string[]; years: number[] };
  /** Which retrievers a search uses: 'keyword' alone when no embeddings are available. */
  readonly mode: RetrievalMode;
  /** A report's sentences with their vectors (from the same model as queryVector), or null when there are none. */
  sentenceVectors?(docId: string): SentenceVectors | null;
}
