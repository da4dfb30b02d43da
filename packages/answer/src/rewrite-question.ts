// Turns a follow-up into a standalone question: by the LLM when one is configured, else (or when it fails) by the
// conversation's state (rewrite-follow-up.ts), which also carries the place of a question that names none.
import type { DocumentRecord } from '@report-qa/retrieval';
import { buildRewriteMessages } from './build-llm-messages.js';
import { completeChat } from './chat-stream.js';
import { isFollowUp, rewriteFollowUp } from './rewrite-follow-up.js';
import type { HistoryTurn, LlmOptions } from './types.js';

const maxRewriteLength = 200;

export async function rewriteQuestion(
  question: string,
  history: readonly HistoryTurn[],
  documents: readonly DocumentRecord[],
  llm: LlmOptions | undefined,
  signal?: AbortSignal,
  now?: Date,
): Promise<string> {
  const hasUserTurn = history.some((turn) => turn.role === 'user');
  if (!hasUserTurn) return question;
  if (llm && isFollowUp(question)) {
    try {
      const rewritten = (await completeChat(llm, buildRewriteMessages(question, history), signal)).trim().split('\n')[0]?.trim() ?? '';
      if (rewritten.length > 0 && rewritten.length <= maxRewriteLength) return rewritten;
    } catch {
      // The rules below are the fallback; the failure shows in the answer's timings only.
    }
  }
  return rewriteFollowUp(question, history, documents, now);
}
