// The plain-text form of an answer with its sources, for 「复制答案」.
import type { Citation } from '@report-qa/schema';
import { describeCitation } from './describe-citation.js';

export function formatAnswerText(answer: string, citations: readonly Citation[]): string {
  if (citations.length === 0) return answer.trim();
  const sources = citations.map((citation) => {
    const place = [describeCitation(citation), citation.sectionPath].filter(Boolean).join(' › ');
    return `[${citation.n}] ${place}\n「${citation.quote.trim()}」`;
  });
  return `${answer.trim()}\n\n来源：\n${sources.join('\n')}`;
}
