// Scoring follows the eval README: must_include (whitespace ignored), refusals, exact quotes, supported figures.
import type { QaQuestion } from '@report-qa/retrieval';
import { describe, expect, it } from 'vitest';
import { evaluateAnswers } from './evaluate-answers.js';
import { formatEvaluation } from './format-evaluation.js';
import type { AnswerResult, Answerer, Citation } from './types.js';

const scope = { filters: {}, inferred: { regions: [], years: [] }, missing: { regions: [], years: [] } };
const source = '行政复议：共收到行政复议申请 93 件，办结 90 件。';

function result(answer: string, citations: Partial<Citation>[], notFound = false): AnswerResult {
  return {
    answer,
    citations: citations.map((citation, index) => ({
      n: index + 1, chunkId: 'c', docId: 'd', source: 'a.txt', title: null, region: null, year: null, sectionPath: '',
      quote: '', start: 0, end: 0, ...citation,
    })),
    notFound, mode: 'extractive', question: '', scope, fallback: null, unsupportedFigures: [], timings: {},
  };
}

// A scripted Answerer: each question gets a fixed result.
function scripted(results: Record<string, AnswerResult>): Answerer {
  return {
    ask: async ({ question }) => results[question] ?? result('', []),
    async *stream() {},
  };
}

const question = (id: string, type: QaQuestion['type'], text: string, mustInclude: string[]): QaQuestion => ({
  id, type, question: text, answer: '', must_include: mustInclude, evidence: [], region: null, year: null, history: [],
});

describe('evaluateAnswers', () => {
  it('scores answers, refusals and citation violations', async () => {
    const answerer = scripted({
      good: result('共收到行政复议申请93件[1]。', [{ quote: '共收到行政复议申请 93 件' }]),
      badQuote: result('办结 90 件，另有 7 件[1]', [{ quote: '办结90件' }]),
      refused: result('未在已收录的报告中找到相关内容。', [], true),
      answeredAnyway: result('共收到行政复议申请93件[1]', [{ quote: '共收到行政复议申请 93 件' }]),
    });
    const evaluation = await evaluateAnswers(
      answerer,
      [
        question('q1', 'number', 'good', ['93 件']),
        question('q2', 'number', 'badQuote', ['90件']),
        question('q3', 'unanswerable', 'refused', []),
        question('q4', 'unanswerable', 'answeredAnyway', []),
        question('q5', 'fact', 'refused', ['x']),
      ],
      { readSource: (name) => (name === 'a.txt' ? source : null) },
    );
    expect(evaluation.byType.number).toEqual({ total: 2, correct: 2, accuracy: 1 });
    expect(evaluation.byType.unanswerable?.correct).toBe(1);
    expect(evaluation.overall.correct).toBe(3);
    expect(evaluation.refusals).toEqual({ falseRefusals: 1, correctRefusals: 1, missedRefusals: 1 });
    expect(evaluation.violations).toEqual([
      { id: 'q2', kind: 'quote_not_in_source', detail: expect.stringContaining('办结90件') },
      { id: 'q2', kind: 'figure_not_in_quotes', detail: '7' },
    ]);
    const table = formatEvaluation(evaluation, { details: true });
    expect(table).toContain('overall');
    expect(table).toContain('60.0%');
    expect(table).toContain('q5');
  });
});
