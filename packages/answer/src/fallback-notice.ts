// The words text-only channels (/v1, WeChat) use to say that, and why, an extractive answer replaced the LLM's.
import type { AnswerResult } from './types.js';

/** Said where a partly shown LLM answer is withdrawn; the fallback answer follows it. */
export function replaceNotice(reason: string): string {
  return `（${reason}。以上内容作废，以下为根据报告原文的摘录式回答。）`;
}

/** The answer with the fallback reason after it, for channels that show text only. */
export function answerWithNote(result: Pick<AnswerResult, 'answer' | 'fallback'>): string {
  return result.fallback ? `${result.answer}\n\n（${result.fallback.reason}）` : result.answer;
}
