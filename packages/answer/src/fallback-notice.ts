// The words text-only channels (/v1, WeChat) use to say that, and why, an extractive answer replaced the LLM's.
import type { AnswerResult } from './types.js';

/** Said where a partly shown LLM answer is withdrawn; the fallback answer follows it. */
export function replaceNotice(reason: string): string {
  return `（${reason}。以上内容作废，以下为根据报告原文的摘录式回答。）`;
}

/** 「（reason）」 when the extractive answer stands in for the LLM's, else ''. */
export function fallbackNote(result: Pick<AnswerResult, 'fallback'>): string {
  return result.fallback ? `（${result.fallback.reason}）` : '';
}

/** The answer with the fallback reason after it, for channels that show text only. */
export function answerWithNote(result: Pick<AnswerResult, 'answer' | 'fallback'>): string {
  const note = fallbackNote(result);
  return note ? `${result.answer}\n\n${note}` : result.answer;
}
