// A fake Answerer for route tests: records every call, answers after a chosen delay, cites one passage.
import type { Answerer, AnswerEvent, AnswerResult, AskInput, Citation } from '../types.js';

export interface FakeAnswererOptions {
  /** Milliseconds before the answer is ready (default 0), per question if a function. */
  delayMs?: number | ((question: string) => number);
  /** The answer text (default: a short cited sentence that repeats the question). */
  answer?: (question: string) => string;
  /** Throw instead of answering. */
  fail?: boolean;
}

export interface FakeAnswerer extends Answerer {
  calls: AskInput[];
}

export const fakeCitation: Citation = {
  n: 1,
  chunkId: '000_2c522bdb5677e79f#12',
  docId: '000_2c522bdb5677e79f',
  source: '000_2c522bdb5677e79f.txt',
  title: '海东市2020年法治政府建设情况报告',
  region: '海东市',
  year: 2020,
  sectionPath: '一、主要工作 > （七）坚持多方联动，全面推进法治宣传教育',
  quote: '全面落实“谁执法谁普法”普法责任制',
  start: 100,
  end: 117,
};

export function createFakeAnswerer({ delayMs = 0, answer, fail = false }: FakeAnswererOptions = {}): FakeAnswerer {
  const calls: AskInput[] = [];
  const textFor = answer ?? ((question: string) => `关于「${question}」：海东市全面落实“谁执法谁普法”普法责任制[1]。`);

  async function resultFor(input: AskInput): Promise<AnswerResult> {
    calls.push(input);
    const delay = typeof delayMs === 'function' ? delayMs(input.question) : delayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fail) throw new Error('fake answerer failure');
    return {
      answer: textFor(input.question),
      citations: [fakeCitation],
      notFound: false,
      mode: 'extractive',
      question: input.question,
      scope: { filters: {}, inferred: { regions: [], years: [] }, missing: { regions: [], years: [] } },
      fallback: null,
      unsupportedFigures: [],
      timings: { total: delay },
    };
  }

  return {
    calls,
    ask: resultFor,
    async *stream(input: AskInput): AsyncIterable<AnswerEvent> {
      const result = await resultFor(input);
      yield { type: 'meta', question: result.question, scope: result.scope, mode: result.mode };
      yield { type: 'citations', citations: result.citations };
      for (const piece of result.answer.match(/[\s\S]{1,8}/g) ?? []) yield { type: 'delta', text: piece };
      yield { type: 'done', result };
    },
  };
}
