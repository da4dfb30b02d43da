// Load shedding: past a (here tiny) queue bound, a burst gets 503 with Retry-After at once; WeChat gets its busy text.
import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { describe, expect, it } from 'vitest';
import { createAnswerGate, gateAnswerer } from '@report-qa/library';
import { createFakeAnswerer } from '@report-qa/answer/testing';
import { createWechatConversation, createWechatReplyStore, WECHAT_TEXTS } from '@report-qa/wechat';
import { shedLoad } from './shed-load.js';

/** A promise the test resolves when it chooses: the first answer waits on it, so the burst finds the queue busy. */
function barrier() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

function appWithGate(maxWaitMs: number, opened: Promise<void>) {
  const gate = createAnswerGate({ maxWaitMs });
  const app = new Hono();
  const shed = shedLoad(gate);
  app.use('/api/ask', shed);
  app.use('/v1/chat/completions', shed);
  app.post('/api/ask', async (c) => {
    await opened;
    return c.json({ answer: '海东市全面落实普法责任制[1]。' });
  });
  app.post('/v1/chat/completions', async (c) => {
    await opened;
    return c.json({ object: 'chat.completion' });
  });
  app.get('/stream', shed, (c) =>
    streamSSE(c, async (stream) => {
      await stream.writeSSE({ event: 'delta', data: '{"text":"海东"}' });
      await opened;
      await stream.writeSSE({ event: 'done', data: '{}' });
    }),
  );
  return { gate, app };
}

const post = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('shedLoad', () => {
  it('answers a burst past a tiny bound with 503 and Retry-After at once: our error on /api, the OpenAI shape on /v1', async () => {
    const gate = barrier();
    const { app, gate: answerGate } = appWithGate(1, gate.opened);
    // An idle server always admits: the first question is answered, and holds its place until it is.
    const first = app.request('/api/ask', post({ question: '海东市2020年收到多少件行政复议申请？' }));
    const burst = await Promise.all([
      ...Array.from({ length: 5 }, () => app.request('/api/ask', post({ question: '海东市行政复议' }))),
      ...Array.from({ length: 5 }, () => app.request('/v1/chat/completions', post({ messages: [{ role: 'user', content: '海东' }] }))),
    ]);
    // Every refusal came back while the first answer was still waiting on the barrier.
    expect(answerGate.stats()).toMatchObject({ inFlight: 1, shed: 10 });
    for (const [index, response] of burst.entries()) {
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = (await response.json()) as { error: Record<string, unknown> };
      if (index < 5) {
        expect(body.error).toMatchObject({ code: 'OVERLOADED' });
        expect(body.error.message).toContain('请');
      } else {
        expect(body.error).toMatchObject({ type: 'server_error', code: 'OVERLOADED', param: null });
      }
    }
    gate.open();
    expect((await first).status).toBe(200);
    expect(answerGate.stats()).toMatchObject({ inFlight: 0, completed: 1 });
  });

  it('never refuses when the bound is 0', async () => {
    const gate = barrier();
    const { app, gate: answerGate } = appWithGate(0, gate.opened);
    const requests = Array.from({ length: 8 }, () => app.request('/api/ask', post({ question: '海东' })));
    expect(answerGate.stats().inFlight).toBe(8);
    gate.open();
    const statuses = (await Promise.all(requests)).map((response) => response.status);
    expect(statuses).toEqual(Array(8).fill(200));
  });

  it('keeps a streamed answer in the queue until its last event is read', async () => {
    const gate = barrier();
    const { app, gate: answerGate } = appWithGate(60_000, gate.opened);
    const response = await app.request('/stream');
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(answerGate.stats().inFlight).toBe(1);
    gate.open();
    const text = await response.text();
    expect(text).toContain('event: done');
    expect(answerGate.stats()).toMatchObject({ inFlight: 0, completed: 1 });
  });
});

describe('createAnswerGate', () => {
  it('estimates the wait from the time between completions while busy, not from idle time', () => {
    let clock = 0;
    const gate = createAnswerGate({ maxWaitMs: 1000, initialServiceMs: 10, now: () => clock });
    // Idle for a long time between answers: each took 20 ms of busy time.
    for (let round = 0; round < 30; round++) {
      clock += 5000;
      const admission = gate.enter();
      if (!admission.admitted) throw new Error('an idle gate refused');
      clock += 20;
      admission.leave();
    }
    const holders = Array.from({ length: 9 }, () => gate.enter());
    expect(holders.every((admission) => admission.admitted)).toBe(true);
    // Nine in progress, about 20 ms apart: a tenth would wait about (9 + 1) × 20 ms.
    expect(gate.stats().estimatedWaitMs).toBeGreaterThan(150);
    expect(gate.stats().estimatedWaitMs).toBeLessThan(250);
  });

  it('refuses once (in progress + 1) × τ passes the bound, with Retry-After in whole seconds', () => {
    const gate = createAnswerGate({ maxWaitMs: 2500, initialServiceMs: 100, now: () => 0 });
    const admitted = [];
    // The 25th sees 24 ahead: (24 + 1) × 100 ms = 2500 ms, not past the bound.
    for (let count = 0; count < 25; count++) admitted.push(gate.enter());
    expect(admitted.every((admission) => admission.admitted)).toBe(true);
    expect(gate.enter()).toMatchObject({ admitted: false, retryAfterSeconds: 3, estimatedWaitMs: 2600 });
    expect(gate.stats()).toMatchObject({ inFlight: 25, shed: 1 });
  });
});

describe('WeChat behind the gate', () => {
  it('tells the user at once to ask again when the queue is past the bound', async () => {
    const gate = createAnswerGate({ maxWaitMs: 1 });
    const answerer = createFakeAnswerer({ delayMs: (question) => (question.startsWith('慢') ? 200 : 0) });
    const conversation = createWechatConversation({ answerer: gateAnswerer(answerer, gate), store: createWechatReplyStore() });
    const message = (id: string, content: string) => ({
      toUserName: 'gh_account',
      fromUserName: `user-${id}`,
      createTime: '1700000000',
      msgType: 'text',
      content,
      msgId: id,
      fields: {},
    });
    const slow = conversation.reply(message('1', '慢：海东市2020年收到多少件行政复议申请？'), Date.now() + 4000);
    const busy = await conversation.reply(message('2', '海西州法律援助挽回了多少经济损失？'), Date.now() + 4000);
    expect(busy).toBe(WECHAT_TEXTS.busy);
    // The refused question never reached the answerer; the first one is answered in full.
    expect(answerer.calls.map((call) => call.question)).toEqual(['慢：海东市2020年收到多少件行政复议申请？']);
    expect(await slow).toContain('海东市全面落实');
  });
});
