// The LLM path against a fake OpenAI-compatible server: streamed tokens, checked markers and figures, fallbacks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from './create-answerer.js';
import { createTestSearcher, readReport } from './test-searcher.js';
import type { FakeOpenAiServer } from './testing/fake-openai-server.js';
import { numberedPassages, startFakeOpenAiServer } from './testing/fake-openai-server.js';
import type { AnswerEvent, LlmOptions } from './types.js';

const searcher = createTestSearcher();
let server: FakeOpenAiServer;
let llm: LlmOptions;

beforeAll(async () => {
  server = await startFakeOpenAiServer();
  llm = { baseURL: server.baseURL, apiKey: 'test-key', model: 'fake-model', timeoutMs: 1500 };
});
afterAll(async () => {
  await server.close();
});

async function collect(stream: AsyncIterable<AnswerEvent>): Promise<AnswerEvent[]> {
  const events: AnswerEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

// Replies with the first clause of passage [1] that holds a figure, cited as [1]: a faithful answer.
function citeFirstPassage(extra = ''): (body: Parameters<typeof numberedPassages>[0]) => string {
  return (body) => {
    const first = numberedPassages(body).get(1) ?? '';
    const clause = first.split(/[，。；,]/u).find((part) => /\d/u.test(part)) ?? first.slice(0, 30);
    return `${clause.replace(/^（[^）]*）/u, '')}[1]${extra}。`;
  };
}

const question = '海东市2020年一共收到多少件行政复议申请？';

describe('LLM answers', () => {
  it('streams tokens, numbers the passages in the prompt and cites the passage it used', async () => {
    server.setReply({ type: 'text', text: citeFirstPassage(), chunkSize: 3 });
    const before = server.requests.length;
    const events = await collect(createAnswerer({ searcher, llm }).stream({ question }));
    const request = server.requests[before];
    expect(request?.headers.authorization).toBe('Bearer test-key');
    expect(request?.body?.stream).toBe(true);
    expect(numberedPassages(request?.body ?? {}).size).toBeGreaterThan(1);
    expect(JSON.stringify(request?.body?.messages)).toContain('未在已收录的报告中找到');

    expect(events[0]).toMatchObject({ type: 'meta', mode: 'llm' });
    expect(events[1]?.type).toBe('citations');
    const deltas = events.filter((event) => event.type === 'delta');
    expect(deltas.length).toBeGreaterThan(3);
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.result.mode).toBe('llm');
    expect(done.result.answer).toBe(deltas.map((event) => (event.type === 'delta' ? event.text : '')).join('').trim());
    expect(done.result.citations.map((citation) => citation.n)).toEqual([1]);
    const citation = done.result.citations[0];
    expect(citation && readReport(citation.source).includes(citation.quote)).toBe(true);
    expect(done.result.unsupportedFigures).toEqual([]);
  });

  it('removes a marker that points to no passage, also from the streamed text', async () => {
    server.setReply({ type: 'text', text: citeFirstPassage('，另见[9]'), chunkSize: 1 });
    const events = await collect(createAnswerer({ searcher, llm }).stream({ question }));
    const streamed = events.map((event) => (event.type === 'delta' ? event.text : '')).join('');
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.result.answer).not.toContain('[9]');
    expect(streamed).not.toContain('[9]');
    expect(done.result.answer).toContain('[1]');
  });

  it('flags a figure that no cited quote contains', async () => {
    server.setReply({ type: 'text', text: citeFirstPassage('，办结率为 99.9%') });
    const result = await createAnswerer({ searcher, llm }).ask({ question });
    expect(result.mode).toBe('llm');
    expect(result.unsupportedFigures).toContain('99.9');
  });

  it('marks an LLM refusal as not found, with no citations', async () => {
    server.setReply({ type: 'text', text: '未在已收录的报告中找到相关内容。' });
    const result = await createAnswerer({ searcher, llm }).ask({ question: '海东市2020年行政复议有哪些新做法' });
    expect(result.notFound).toBe(true);
    expect(result.citations).toEqual([]);
  });

  it.each([500, 401, 429])('falls back to the extractive answer on HTTP %i', async (status) => {
    server.setReply({ type: 'error', status, message: 'boom' });
    const events = await collect(createAnswerer({ searcher, llm }).stream({ question }));
    expect(events.map((event) => event.type)).toEqual(['meta', 'citations', 'delta', 'done']);
    expect(events[0]).toMatchObject({ mode: 'extractive' });
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.result.mode).toBe('extractive');
    expect(done.result.fallback?.reason).toContain(String(status));
    expect(done.result.answer.replace(/\s/gu, '')).toContain('93件');
  });

  it('falls back within the timeout when the stream stalls before any token', async () => {
    server.setReply({ type: 'stall' });
    const started = performance.now();
    const result = await createAnswerer({ searcher, llm }).ask({ question });
    const elapsed = performance.now() - started;
    expect(result.mode).toBe('extractive');
    expect(result.fallback?.reason).toContain('1500');
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(1500 + 1500);
  });

  it('falls back when the stream stalls mid-answer; done carries the whole extractive answer', async () => {
    server.setReply({ type: 'stall', text: '据报告，海东市' });
    const started = performance.now();
    const events = await collect(createAnswerer({ searcher, llm }).stream({ question }));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1500 + 1500);
    expect(events[0]).toMatchObject({ type: 'meta', mode: 'llm' });
    const done = events.at(-1);
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.result.mode).toBe('extractive');
    expect(done.result.fallback).not.toBeNull();
    expect(done.result.citations.length).toBeGreaterThan(0);
    expect(done.result.answer.replace(/\s/gu, '')).toContain('93件');
  });

  it('rewrites a follow-up with the LLM, and by rules when the LLM fails', async () => {
    const history = [{ role: 'user' as const, content: '海东市2020年一共收到多少件行政复议申请？' }];
    server.setReply((body) =>
      body.stream ? { type: 'text', text: citeFirstPassage() } : { type: 'text', text: '湟中区2020年一共收到多少件行政复议申请？' },
    );
    const rewritten = await createAnswerer({ searcher, llm }).ask({ question: '那湟中区呢？', history });
    expect(rewritten.question).toBe('湟中区2020年一共收到多少件行政复议申请？');

    server.setReply({ type: 'error', status: 500 });
    const byRules = await createAnswerer({ searcher, llm }).ask({ question: '那湟中区呢？', history });
    expect(byRules.question).toBe('湟中区2020年一共收到多少件行政复议申请？');
    expect(byRules.mode).toBe('extractive');
  });
});
