// Hands every answer given (web, API, OpenAI-compatible, WeChat) to the query log, identifiers hashed; a failing log never fails an answer.
import type { AnswerLogging } from './answer-logging.js';
import type { AnswerChannel, LoggedCitation, LoggedTurn } from './types.js';

/** What the log keeps of an answer (the answer package's AnswerResult, structurally). */
export interface LoggedAnswerResult {
  /** The standalone question that was answered (after follow-up rewriting). */
  question: string;
  scope: unknown;
  mode: 'extractive' | 'llm';
  answer: string;
  citations: LoggedCitation[];
  notFound: boolean;
}

export interface AnsweredQuestion {
  id: string;
  channel: AnswerChannel;
  question: string;
  history: LoggedTurn[];
  result: LoggedAnswerResult;
  latencyMs: number;
  /** A WeChat OpenID or WeCom UserID, in clear: hashed before it is stored. */
  user?: string | null;
  /** The client's address, in clear: hashed before it is stored. */
  client?: string | null;
}

export type RecordAnswer = (answered: AnsweredQuestion) => void;

export interface AnswerRecorderOptions {
  logging: AnswerLogging;
  /** A write that failed, with the answer's id (the app logs it; the answer was given all the same). */
  onError: (error: unknown, answerId: string) => void;
}

export function createAnswerRecorder({ logging, onError }: AnswerRecorderOptions): RecordAnswer {
  const hashed = (value: string | null | undefined) => (value && value !== 'unknown' ? logging.hashIdentifier(value) : null);
  return ({ id, channel, question, history, result, latencyMs, user, client }) => {
    logging.log
      .record({
        id,
        channel,
        question,
        rewrittenQuestion: result.question,
        history,
        scope: result.scope,
        mode: result.mode,
        answer: result.answer,
        citations: result.citations,
        notFound: result.notFound,
        latencyMs,
        userHash: hashed(user),
        clientHash: hashed(client),
      })
      .catch((error: unknown) => onError(error, id));
  };
}
