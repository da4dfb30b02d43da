// Sentences and clauses keep exact offsets into the original, and a PDF page break does not end a sentence.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { splitClauses, splitReportSentences } from './split-report-sentences.js';

const readReport = (file: string) => readFileSync(new URL(`../../../data/reports/${file}`, import.meta.url), 'utf8').replace(/^\ufeff/u, '');

describe('splitReportSentences', () => {
  it('returns spans whose text is the original slice', () => {
    const original = readReport('003_489c9a6769333a9e.txt');
    const spans = splitReportSentences(original);
    expect(spans.length).toBeGreaterThan(50);
    for (const span of spans) expect(original.slice(span.start, span.end)).toBe(span.text);
  });

  it('joins a sentence broken by a page end and splits after terminators and headings', () => {
    const broken = '市委、市政府主要领导带头认真贯彻落实中央、省委关于法治政府建设要求，带头统筹推进法治政\n\n府建设工作，推动各项目标任务落实。';
    const original = `一、工作开展情况\n\n${broken}二是完善制度；三是强化监督。`;
    const texts = splitReportSentences(original).map((span) => span.text);
    expect(texts).toEqual(['一、工作开展情况', broken, '二是完善制度；', '三是强化监督。']);
  });

  it('drops markdown marks at the edges and keeps thousands separators inside clauses', () => {
    const original = '## 二、主要成效\n**共受理案件1,234件,办结1,200件。**';
    const [heading, sentence] = splitReportSentences(original);
    expect(heading?.text).toBe('二、主要成效');
    expect(sentence?.text).toBe('共受理案件1,234件,办结1,200件。');
    const clauses = sentence ? splitClauses(original, sentence).map((span) => span.text) : [];
    expect(clauses).toEqual(['共受理案件1,234件,', '办结1,200件。']);
  });
});
