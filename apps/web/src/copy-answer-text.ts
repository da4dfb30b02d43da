// The plain-text form of an answer with its sources, for 「复制答案」: the shared answer text in its copy form, each
// source named as the source list names it.
import type { Citation } from '@report-qa/schema';
import { formatAnswerText } from '@report-qa/wechat/format-answer-text';
import { describeCitation } from './describe-citation.js';

export function copyAnswerText(answer: string, citations: readonly Citation[]): string {
  return formatAnswerText({ answer, citations }, { form: 'copy', label: describeCitation });
}
