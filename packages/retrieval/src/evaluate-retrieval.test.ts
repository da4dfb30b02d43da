// The retrieval scorer on hand-made passages: quote containment, span overlap, ranks and grouping.
import { describe, expect, it } from 'vitest';
import { evaluateRetrieval } from './evaluate-retrieval.js';
import { formatEvaluation } from './format-table.js';
import { parseQaQuestions } from './qa-questions.js';

const reports = { 'a.txt': '第一段。行政复议案件47件。第二段。法律顾问参与诉讼180件。', 'b.txt': '海西州法律援助案件1000件。' };
const questions = parseQaQuestions(
  [
    { id: 'q1', type: 'number', question: '复议多少件', evidence: [{ doc: 'a.txt', quote: '行政复议案件47件' }] },
    { id: 'q2', type: 'compare', question: '比较', evidence: [{ doc: 'a.txt', quote: '法律顾问参与诉讼180件' }, { doc: 'b.txt', quote: '法律援助案件1000件' }] },
    { id: 'q3', type: 'unanswerable', question: '不知道', evidence: [] },
  ]
    .map((line) => JSON.stringify(line))
    .join('\n'),
);

describe('evaluateRetrieval', () => {
  it('scores containment with spaces ignored, span overlap, and the rank covering every quote', async () => {
    const report = await evaluateRetrieval({
      questions,
      reports,
      searchers: {
        good: async (question) =>
          question === '复议多少件'
            ? [{ source: 'a.txt', start: 0, end: 4, text: '行政复议案件 47 件' }]
            : [
                { source: 'a.txt', start: 25, end: 30, text: '参与' },
                { source: 'b.txt', start: 0, end: 0, text: '无关' },
                { source: 'b.txt', start: 3, end: 8, text: '援助' },
              ],
        bad: async () => [{ source: 'b.txt', start: 0, end: 3, text: '海西州' }],
      },
    });
    const good = report.rows.find((row) => row.searcher === 'good' && row.type === 'all')!;
    expect(good.questions).toBe(2);
    expect(good.recallAt1).toBe(0.5);
    expect(good.recallAt5).toBe(1);
    expect(good.mrr).toBeCloseTo((1 + 1 / 3) / 2);
    const bad = report.rows.find((row) => row.searcher === 'bad' && row.type === 'all')!;
    expect(bad.recallAt5).toBe(0);
    expect(formatEvaluation(report.rows)).toMatch(/good\s+all\s+2\s+0\.500\s+1\.000/);
  });

  it('rejects a malformed questions line with its number', () => {
    expect(() => parseQaQuestions('{"id":"x"}')).toThrow(/第 1 行/);
  });
});
