// What a WeChat conversation needs of an answerer: the part of @report-qa/answer's Answerer it calls, by shape.
import type { CitationLike } from './format-answer-text.js';

/** One earlier turn of the conversation, oldest first (the answer package's HistoryTurn). */
export interface ConversationTurn {
  role: 'user' | 'assistant';
  content: string;
}

/** What a reply is made of: the answer text and its citations (an AnswerResult satisfies it). */
export interface WechatAnswer {
  answer: string;
  citations: readonly CitationLike[];
}

/**
 * Answers a question in its conversation (an Answerer satisfies it). An error whose `code` is 'overloaded' (the
 * answer queue is past its bound) is told to the user as busy; any other as a failure.
 */
export interface WechatAnswerer<Result extends WechatAnswer = WechatAnswer> {
  ask(input: { question: string; history: ConversationTurn[] }): Promise<Result>;
}

/** An answer computed for a WeChat user; userId is the OpenID or WeCom UserID, in clear. */
export interface WechatAnswered<Result extends WechatAnswer = WechatAnswer> {
  question: string;
  history: ConversationTurn[];
  result: Result;
  latencyMs: number;
  userId: string;
}
