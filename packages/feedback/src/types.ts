// The query log's records and the interface every store (embedded SQLite now, PostgreSQL later) implements.

/** Where a question came from. */
export type AnswerChannel = 'web' | 'api' | 'openai' | 'wechat' | 'wecom';
export const ANSWER_CHANNELS: readonly AnswerChannel[] = ['web', 'api', 'openai', 'wechat', 'wecom'];

export type Rating = 'up' | 'down';

export interface LoggedTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** A cited passage as it was given with the answer (the answer package's Citation, structurally). */
export interface LoggedCitation {
  n: number;
  chunkId: string;
  docId: string;
  source: string;
  title: string | null;
  region: string | null;
  year: number | null;
  sectionPath: string;
  quote: string;
  start: number;
  end: number;
}

/** What a route knows about an answer it has just given. */
export interface NewAnswerRecord {
  id: string;
  channel: AnswerChannel;
  question: string;
  /** The standalone question that was answered (after follow-up rewriting). */
  rewrittenQuestion: string;
  history: LoggedTurn[];
  /** The scope the answer was searched in (filters, inferred and missing regions/years), as JSON. */
  scope: unknown;
  mode: 'extractive' | 'llm';
  answer: string;
  citations: LoggedCitation[];
  notFound: boolean;
  latencyMs: number;
  /** Keyed hashes only: a WeChat OpenID or a client address never reaches the store in clear. */
  userHash: string | null;
  clientHash: string | null;
}

export interface AnswerRecord extends NewAnswerRecord {
  /** ISO timestamp of when the answer was given. */
  createdAt: string;
  rating: Rating | null;
  comment: string | null;
  ratedAt: string | null;
}

export interface AnswerQuery {
  rating?: Rating;
  notFound?: boolean;
  channel?: AnswerChannel;
  /** Milliseconds since the epoch, inclusive. */
  since?: number;
  /** Milliseconds since the epoch, exclusive. */
  until?: number;
  /** Newest first; default 50. */
  limit?: number;
  offset?: number;
}

export interface AnswerPage {
  answers: AnswerRecord[];
  /** How many records match the query, all pages together. */
  total: number;
}

export interface QueryLog {
  record(entry: NewAnswerRecord): Promise<void>;
  get(id: string): Promise<AnswerRecord | null>;
  /** Sets (or replaces) the rating of an answer; null when the id is unknown or already removed. */
  rate(id: string, feedback: { rating: Rating; comment: string | null }): Promise<AnswerRecord | null>;
  list(query: AnswerQuery): Promise<AnswerPage>;
  /** Removes records older than the retention period; returns how many went. */
  prune(): Promise<number>;
  close(): Promise<void>;
}
