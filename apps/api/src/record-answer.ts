// Hands every answer given (web, API, OpenAI-compatible, WeChat) to the query log, identifiers hashed; a failing log never fails an answer.
import type { AnswerResult, HistoryTurn } from '@report-qa/answer';
import type { AnswerChannel } from '@report-qa/feedback';
import type { Logger } from './logger.js';
import type { AnswerLogging } from './query-log.js';

export interface AnsweredQuestion {
  id: string;
  channel: AnswerChannel;
  question: string;
  history: HistoryTurn[];
  result: AnswerResult;
  latencyMs: number;
  /** A WeChat OpenID or WeCom UserID, in clear: hashed before it is stored. */
  user?: string | null;
  /** The client's address, in clear: hashed before it is stored. */
  client?: string | null;
}

export type RecordAnswer = (answered: AnsweredQuestion) => void;

export function createAnswerRecorder({ logging, logger }: { logging: AnswerLogging; logger: Logger }): RecordAnswer {
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
      .catch((error: unknown) => logger.warn({ err: error, answerId: id }, 'query log write failed'));
  };
}
