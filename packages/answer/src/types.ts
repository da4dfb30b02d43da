// Public data types of answering: questions in, cited answers and stream events out.
import type { Citation } from '@report-qa/schema';
import type { QueryScope, SearchFilters } from '@report-qa/retrieval';

export interface HistoryTurn {
  role: 'user' | 'assistant';
  content: string;
}

export type AnswerMode = 'extractive' | 'llm';

export interface AskInput {
  question: string;
  /** Earlier turns, oldest first; used to rewrite follow-ups into standalone questions. */
  history?: HistoryTurn[];
  filters?: SearchFilters;
  topK?: number;
  /** 'auto' (default) uses the LLM when one is configured, else the extractive answer. */
  mode?: 'auto' | AnswerMode;
  /** When the question is asked (default now): 今年, 去年 and 前年 are read against it. */
  now?: Date;
  signal?: AbortSignal;
}

/** A cited excerpt: the wire's citation shape (@report-qa/schema), the one definition every channel uses. */
export type { Citation };

export interface AnswerResult {
  answer: string;
  citations: Citation[];
  notFound: boolean;
  mode: AnswerMode;
  /** The standalone question that was answered (after follow-up rewriting). */
  question: string;
  scope: QueryScope;
  /** Set when the LLM was asked for but the extractive answer was given instead. */
  fallback: { reason: string } | null;
  /** Figures in the answer that appear in no cited quote (LLM answers only). */
  unsupportedFigures: string[];
  /** Milliseconds by phase, e.g. {rewrite, retrieve, generate, total}. */
  timings: Record<string, number>;
}

/**
 * Streamed answer events, in the wire's order: citations, meta, delta…, done. When an LLM answer already partly shown has to
 * be withdrawn (the stream broke, or what passed the checks does not answer), `replace` comes before `done`:
 * discard the text shown so far; the deltas after it are the fallback answer, from its start.
 */
export type AnswerEvent =
  | { type: 'meta'; question: string; scope: QueryScope; mode: AnswerMode }
  | { type: 'citations'; citations: Citation[] }
  | { type: 'delta'; text: string }
  | { type: 'replace'; mode: AnswerMode; citations: Citation[]; notice: string }
  | { type: 'done'; result: AnswerResult };

export interface Answerer {
  ask(input: AskInput): Promise<AnswerResult>;
  stream(input: AskInput): AsyncIterable<AnswerEvent>;
}

export interface LlmOptions {
  baseURL: string;
  apiKey: string;
  model: string;
  /** Give up on the LLM and fall back to the extractive answer after this long (default 8000 ms). */
  timeoutMs?: number;
  temperature?: number;
}
