// The real server with a tiny queue bound: a burst of questions gets fast 503s with Retry-After, and health counts them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthSchema } from '@report-qa/schema';
import { startServer, type RunningServer } from './support/start-server.js';

let server: RunningServer;

beforeAll(async () => {
  // Keyword-only keeps the start short; answers still run in the answer pool's worker threads, so they overlap.
  server = await startServer({ env: { EMBEDDING_PROVIDER: 'none', ANSWER_MAX_WAIT_MS: '1', ANSWER_WORKERS: '2' } });
});

afterAll(async () => {
  await server?.close();
});

const ask = (path: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('load shedding on the real server', () => {
  it('answers a burst past the bound with 503 + Retry-After (our shape on /api, OpenAI on /v1) and answers the rest', async () => {
    const responses = await Promise.all(
      Array.from({ length: 24 }, (_, index) =>
        index % 2 === 0
          ? ask('/api/ask', { question: '海东市2020年收到多少件行政复议申请？', mode: 'extractive' })
          : ask('/v1/chat/completions', { model: 'report-qa', messages: [{ role: 'user', content: '海西2021年法律援助挽回了多少经济损失？' }] }),
      ),
    );
    const shed = responses.filter((response) => response.status === 503);
    const answered = responses.filter((response) => response.status === 200);
    expect(shed.length).toBeGreaterThan(0);
    expect(answered.length).toBeGreaterThan(0);
    expect(shed.length + answered.length).toBe(responses.length);
    for (const response of shed) {
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      const body = (await response.json()) as { error: { code: string; type?: string; message: string } };
      expect(body.error.code).toBe('OVERLOADED');
      if (new URL(response.url).pathname.startsWith('/v1/')) expect(body.error.type).toBe('server_error');
      expect(body.error.message).toMatch(/请.*秒后再试/);
    }
    for (const response of answered) await response.text();
    const health = healthSchema.parse(await (await fetch(`${server.url}/api/health`)).json());
    expect(health.queue).toMatchObject({ inFlight: 0, maxWaitMs: 1 });
    expect(health.queue!.shed).toBeGreaterThanOrEqual(shed.length);
    expect(health.queue!.completed).toBeGreaterThanOrEqual(answered.length);
  });
});
