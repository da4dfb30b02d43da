// A conversation as Markdown: each question and answer, the answers' markers renumbered into one list of references.
import type { Citation } from '@report-qa/schema';
import { describeCitation } from './describe-citation.js';
import { splitAnswer } from './split-answer.js';

export interface MarkdownTurn {
  question: string;
  answer: string;
  citations: readonly Citation[];
}

/** Quotes on one line each, so a report's line breaks do not end the blockquote. */
const quoteLines = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => `   > ${line.trim()}`)
    .join('\n');

export function conversationMarkdown(title: string, turns: readonly MarkdownTurn[], exportedAt = new Date()): string {
  const references: string[] = [];
  // The same passage cited by two answers is one reference.
  const numberOf = new Map<string, number>();
  const reference = (citation: Citation) => {
    const key = `${citation.docId}:${citation.start}:${citation.end}`;
    let n = numberOf.get(key);
    if (n === undefined) {
      n = references.length + 1;
      numberOf.set(key, n);
      const place = [`《${describeCitation(citation)}》`, citation.sectionPath, citation.source].filter(Boolean).join(' · ');
      references.push(`${n}. ${place}\n${quoteLines(citation.quote)}`);
    }
    return n;
  };

  const sections = turns.map((turn) => {
    const byNumber = new Map(turn.citations.map((citation) => [citation.n, citation]));
    const answer = splitAnswer(turn.answer, new Set(byNumber.keys()))
      .map((segment) => (segment.kind === 'text' ? segment.text : `[${reference(byNumber.get(segment.n)!)}]`))
      .join('');
    // Sources listed with the answer but not marked in it are references too.
    for (const citation of turn.citations) reference(citation);
    return `## 问：${turn.question.replace(/\s+/g, ' ').trim()}\n\n${answer.trim() || '（没有回答）'}`;
  });

  const stamp = exportedAt.toLocaleString('zh-CN', { hour12: false });
  const parts = [`# ${title.replace(/\s+/g, ' ').trim() || '对话'}`, `导出时间：${stamp}`, ...sections];
  if (references.length > 0) parts.push(`## 参考来源\n\n${references.join('\n\n')}`);
  return `${parts.join('\n\n')}\n`;
}

/** A file name from the title, without characters file systems refuse. */
export const markdownFileName = (title: string) => `${title.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 60) || '对话'}.md`;
