// A logged answer as an evaluation case: its type guessed, its quotes once each, its region and year from the scope.
import { describe, expect, it } from 'vitest';
import { toEvalCase } from './to-eval-case.js';
import type { AnswerRecord, LoggedCitation } from './types.js';

const citation = (n: number, change: Partial<LoggedCitation> = {}): LoggedCitation => ({
  n,
  chunkId: `c${n}`,
  docId: 'd1',
  source: '000.txt',
  title: null,
  region: '海东市',
  year: 2020,
  sectionPath: '一、',
  quote: '收到行政复议申请93件',
  start: 10,
  end: 20,
  ...change,
});

const record = (change: Partial<AnswerRecord> = {}): AnswerRecord => ({
  id: 'a1',
  channel: 'web',
  question: '海东市2020年收到多少件行政复议申请？',
  rewrittenQuestion: '海东市2020年收到多少件行政复议申请？',
  history: [],
  scope: { filters: { region: ['海东市'], year: 2020 } },
  mode: 'extractive',
  answer: '收到行政复议申请93件[1][2]。',
  citations: [citation(1), citation(2)],
  notFound: false,
  latencyMs: 12,
  userHash: null,
  clientHash: null,
  createdAt: '2026-01-02T03:04:05.000Z',
  rating: 'down',
  comment: '数字不对',
  ratedAt: '2026-01-02T03:05:00.000Z',
  ...change,
});

describe('toEvalCase', () => {
  it('gives a number question its quotes once each, the scope’s region and year, and the feedback', () => {
    expect(toEvalCase(record())).toEqual({
      id: 'a1',
      type: 'number',
      question: '海东市2020年收到多少件行政复议申请？',
      answer: '收到行政复议申请93件[1][2]。',
      must_include: [],
      evidence: [{ doc: '000.txt', quote: '收到行政复议申请93件' }],
      region: '海东市',
      year: 2020,
      history: [],
      feedback: { rating: 'down', comment: '数字不对', channel: 'web', createdAt: '2026-01-02T03:04:05.000Z' },
    });
  });

  it('calls a not-found answer unanswerable, without evidence, and a question with history a follow-up', () => {
    expect(toEvalCase(record({ notFound: true }))).toMatchObject({ type: 'unanswerable', evidence: [] });
    expect(toEvalCase(record({ history: [{ role: 'user', content: '海东市呢？' }] })).type).toBe('followup');
  });

  it('takes region and year from the citations when the scope names none', () => {
    const guessed = toEvalCase(record({ scope: null, question: '主要措施有哪些？', citations: [citation(1, { region: '西宁市', year: 2021 })] }));
    expect(guessed).toMatchObject({ type: 'list', region: '西宁市', year: 2021 });
  });
});
