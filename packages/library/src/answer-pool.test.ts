// The answer pool (worker threads from packages/library/dist) gives the answers the main thread gives, spread over its workers.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { AnswerEvent } from '@report-qa/answer';
import { reportsDir, temporaryDir } from '@report-qa/retrieval/testing';
import { createAnswerPool, type AnswerPool, type AnswerWorkerOptions } from './answer-pool.js';
import { openLibrary, type OpenedLibrary } from './open-library.js';

const indexDir = temporaryDir('report-qa-pool-');
const dataDir = temporaryDir('report-qa-pool-data-');
// Keyword-only keeps the build short; the pool's plumbing is what is under test.
const workerOptions: AnswerWorkerOptions = { indexDir, dataDir, databaseUrl: null, embeddings: { provider: 'none' }, llm: null };
let opened: OpenedLibrary;
let pool: AnswerPool;

// The last one is a comparison of a listed indicator: answered from the indicator table, in a worker as in the main thread.
const QUESTIONS = ['海东市2020年收到多少件行政复议申请？', '海西2021年法律援助帮群众挽回了多少经济损失？', '湟中自然资源执法收了多少罚没款', '西宁市2022年下一步工作打算是什么？', '各地受理的行政复议案件分别有多少件？'];

beforeAll(async () => {
  opened = await openLibrary({
    indexDir,
    dataDir,
    reportsDir,
    embeddings: { provider: 'none' },
    maxUploadBytes: 20 * 1024 * 1024,
    extraction: { maxCharacters: 500_000, timeoutMs: 60_000, maxMemoryMb: 512 },
    syncReports: true,
  });
  pool = await createAnswerPool(workerOptions, 2);
});

afterAll(async () => {
  await pool?.close();
  await opened?.close();
  rmSync(indexDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createAnswerPool', () => {
  it('answers as the main thread does, with the questions spread over both workers', async () => {
    const pending = QUESTIONS.map((question) => pool.ask({ question, mode: 'extractive' }));
    expect(pool.load()).toEqual([3, 2]);
    const pooled = await Promise.all(pending);
    expect(pool.load()).toEqual([0, 0]);
    for (const [index, question] of QUESTIONS.entries()) {
      const direct = await opened.answerer.ask({ question, mode: 'extractive' });
      expect(pooled[index]!.answer).toBe(direct.answer);
      expect(pooled[index]!.citations.map((citation) => citation.quote)).toEqual(direct.citations.map((citation) => citation.quote));
    }
    expect(pooled[0]!.answer).toContain('93');
  });

  it('streams the events of an answer in the order the answerer yields them, ending with done', async () => {
    const pooled: AnswerEvent[] = [];
    for await (const event of pool.stream({ question: QUESTIONS[0]!, mode: 'extractive' })) pooled.push(event);
    const direct: AnswerEvent[] = [];
    for await (const event of opened.answerer.stream({ question: QUESTIONS[0]!, mode: 'extractive' })) direct.push(event);
    expect(pooled.map((event) => event.type)).toEqual(direct.map((event) => event.type));
    expect(pooled.at(-1)!.type).toBe('done');
    expect(pooled.some((event) => event.type === 'citations')).toBe(true);
  });

  it('passes on an answerer error with its code, so the API maps it to the same response', async () => {
    await expect(pool.ask({ question: '   ' })).rejects.toMatchObject({ code: 'invalid_input', message: '问题不能为空' });
  });
});

describe('a worker that dies', () => {
  it('fails its questions with a Chinese message and is replaced, while the others keep answering', async () => {
    const fake = await createAnswerPool(workerOptions, 2, { workerFile: new URL('./testing/fake-answer-worker.mjs', import.meta.url) });
    try {
      await expect(fake.ask({ question: '退出' })).rejects.toThrow('回答线程已退出');
      await vi.waitFor(() => expect(fake.alive()).toBe(2), { timeout: 10_000 });
      const answers = await Promise.all(QUESTIONS.map((question) => fake.ask({ question })));
      expect(answers.map((answer) => answer.answer)).toEqual(QUESTIONS.map((question) => `答：${question}`));
    } finally {
      await fake.close();
    }
  });
});
