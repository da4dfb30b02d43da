// Tests of reading /api/ask as server-sent events, with fetch replaced at the HTTP boundary.
import type { AskResponse } from '@report-qa/schema';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from './api-request-error.js';
import { streamAsk } from './stream-ask.js';

const result: AskResponse = {
  id: 'answer-1',
  answer: '共收到93件[1]。',
  citations: [{ n: 1, chunkId: 'c', docId: 'd', source: 's.txt', title: null, region: '海东市', year: 2020, sectionPath: '', quote: '收到93件', start: 3, end: 8 }],
  notFound: false,
  mode: 'extractive',
  question: 'q',
  scope: { filters: {}, inferred: { regions: [], years: [] }, missing: { regions: [], years: [] } },
  fallback: null,
  unsupportedFigures: [],
  timings: {},
};

function serve(body: string | string[], init: ResponseInit) {
  const chunks = Array.isArray(body) ? body : [body];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
      controller.close();
    },
  });
  const fetch = vi.fn(async () => new Response(stream, init));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('streamAsk', () => {
  it('posts the question asking for events, reports them in order and resolves with done', async () => {
    const whole = sse('meta', { question: 'q', scope: result.scope, mode: 'extractive' }) + sse('citations', { citations: result.citations }) +
      sse('delta', { text: '共收到' }) + sse('delta', { text: '93件[1]。' }) + sse('done', result);
    // Split mid-line and mid-character to exercise buffering.
    const bytes = new TextEncoder().encode(whole);
    const fetch = vi.fn(async () => new Response(new ReadableStream({
      start(controller) {
        for (let at = 0; at < bytes.length; at += 7) controller.enqueue(bytes.slice(at, at + 7));
        controller.close();
      },
    }), { headers: { 'content-type': 'text/event-stream' } }));
    vi.stubGlobal('fetch', fetch);

    const events: string[] = [];
    const final = await streamAsk({ question: 'q', history: [{ role: 'user', content: 'x' }] }, (event) =>
      events.push(event.event === 'delta' ? `delta:${event.data.text}` : event.event),
    );
    expect(final).toEqual(result);
    expect(events).toEqual(['meta', 'citations', 'delta:共收到', 'delta:93件[1]。']);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/ask');
    expect((init.headers as Record<string, string>).accept).toBe('text/event-stream');
    expect(JSON.parse(init.body as string)).toEqual({ question: 'q', history: [{ role: 'user', content: 'x' }] });
  });

  it('passes on a replace event, so the text shown so far can be withdrawn', async () => {
    const replace = { notice: '（大模型的回答中断。以上内容作废，以下为根据报告原文的摘录式回答。）', mode: 'extractive', citations: result.citations };
    serve(sse('delta', { text: '海东市共收到' }) + sse('replace', replace) + sse('delta', { text: result.answer }) + sse('done', result), {
      headers: { 'content-type': 'text/event-stream' },
    });
    const events: unknown[] = [];
    expect(await streamAsk({ question: 'q' }, (event) => events.push(event))).toEqual(result);
    expect(events).toEqual([
      { event: 'delta', data: { text: '海东市共收到' } },
      { event: 'replace', data: replace },
      { event: 'delta', data: { text: result.answer } },
    ]);
  });

  it('throws the API error sent as an event, or as an HTTP error body', async () => {
    serve(sse('error', { error: { code: 'SEARCH_FAILED', message: '检索失败' } }), { headers: { 'content-type': 'text/event-stream' } });
    await expect(streamAsk({ question: 'q' }, () => {})).rejects.toMatchObject({ code: 'SEARCH_FAILED', message: '检索失败' });

    serve(JSON.stringify({ error: { code: 'VALIDATION_ERROR', message: '问题不能为空' } }), { status: 400, headers: { 'content-type': 'application/json' } });
    const failure = await streamAsk({ question: ' ' }, () => {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiRequestError);
    expect(failure).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', message: '问题不能为空' });
  });

  it('fails when the stream ends without done, and replays a plain JSON answer as events', async () => {
    serve(sse('delta', { text: '共' }), { headers: { 'content-type': 'text/event-stream' } });
    await expect(streamAsk({ question: 'q' }, () => {})).rejects.toMatchObject({ code: 'STREAM_INCOMPLETE' });

    serve(JSON.stringify(result), { headers: { 'content-type': 'application/json' } });
    const events: string[] = [];
    expect(await streamAsk({ question: 'q' }, (event) => events.push(event.event))).toEqual(result);
    expect(events).toEqual(['meta', 'citations', 'delta']);
  });
});
