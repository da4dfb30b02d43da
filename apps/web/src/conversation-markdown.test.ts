// Markdown export: markers renumbered across answers, one reference per passage with report, section and quote.
import type { Citation } from '@report-qa/schema';
import { describe, expect, it } from 'vitest';
import { conversationMarkdown, markdownFileName } from './conversation-markdown.js';

const citation = (n: number, docId: string, start: number, quote: string): Citation => ({
  n, chunkId: `c${n}`, docId, source: `${docId}.txt`, title: null, region: '海东市', year: 2020, sectionPath: '一、主要工作', quote, start, end: start + quote.length,
});

describe('conversationMarkdown', () => {
  it('numbers the references across answers and keeps each quote', () => {
    const shared = citation(1, 'd1', 10, '收到行政复议申请93件');
    const markdown = conversationMarkdown('海东复议', [
      { question: '海东市收到多少件复议申请？', answer: '93件[1]。', citations: [shared] },
      { question: '审结多少件？', answer: '审结[1]，见[2]。', citations: [citation(1, 'd1', 50, '审结90件'), { ...shared, n: 2 }] },
    ], new Date(Date.UTC(2026, 0, 2)));
    expect(markdown).toContain('# 海东复议');
    expect(markdown).toContain('## 问：海东市收到多少件复议申请？\n\n93件[1]。');
    expect(markdown).toContain('审结[2]，见[1]。');
    expect(markdown).toContain('1. 《海东市 2020年》 · 一、主要工作 · d1.txt\n   > 收到行政复议申请93件');
    expect(markdown).toContain('2. 《海东市 2020年》 · 一、主要工作 · d1.txt\n   > 审结90件');
    expect(markdown.match(/^\d+\. /gm)).toHaveLength(2);
  });

  it('leaves unknown markers as text and names the file safely', () => {
    const markdown = conversationMarkdown('t', [{ question: 'q', answer: '见[9]。', citations: [] }]);
    expect(markdown).toContain('见[9]。');
    expect(markdown).not.toContain('参考来源');
    expect(markdownFileName('a/b: c?')).toBe('a_b_c_.md');
  });
});
