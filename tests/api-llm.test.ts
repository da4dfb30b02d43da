// End-to-end: the real server configured with an OpenAI-compatible LLM (a fake one on loopback), streaming, errors and stalls.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { numberedPassages, startFakeOpenAiServer } from '@report-qa/answer/testing';
import { askResponseSchema, type AskResponse } from '@report-qa/schema';
import { startServer, type RunningServer } from './support/start-server.js';

const timeoutMs = 1500;
let llm: Awaited<ReturnType<typeof startFakeOpenAiServer>>;
let server: RunningServer;

beforeAll(async () => {
  // The fake answers with the first numbered passage of the prompt, citing it — as a well-behaved model would.
  llm = await startFakeOpenAiServer({ reply: { type: 'text', text: (body) => `根据报告，${numberedPassages(body).get(1) ?? ''}[1]`, chunkSize: 4 } });
  server = await startServer({
    env: { LLM_BASE_URL: llm.baseURL, LLM_API_KEY: 'test-key', LLM_MODEL: 'fake-model', LLM_TIMEOUT_MS: String(timeoutMs) },
  });
});

afterAll(async () => {
  await server?.close();
  await llm?.close();
});

async function askStreaming(question: string): Promise<{ events: string[]; deltas: string[]; result: AskResponse; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${server.url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ question }),
  });
  const text = await response.text();
  const blocks = [...text.matchAll(/^event: (\w+)\ndata: (.*)$/gm)].map((match) => ({ event: match[1]!, data: JSON.parse(match[2]!) }));
  const done = blocks.find((block) => block.event === 'done');
  return {
    events: blocks.map((block) => block.event),
    deltas: blocks.filter((block) => block.event === 'delta').map((block) => block.data.text as string),
    result: askResponseSchema.parse(done?.data),
    ms: performance.now() - started,
  };
}

describe('answers from an LLM', () => {
  it('streams the model tokens with checked citations', async () => {
    const { deltas, result } = await askStreaming('海东市2020年收到多少件行政复议申请？');
    expect(result.mode).toBe('llm');
    expect(result.fallback).toBeNull();
    expect(deltas.length).toBeGreaterThan(3);
    expect(result.answer).toMatch(/\[1\]/);
    const request = llm.requests.at(-1)!;
    expect(request.headers['authorization']).toBe('Bearer test-key');
    expect(JSON.stringify(request.body)).toContain('[1]');
  });

  it('falls back to the extractive answer when the LLM fails', async () => {
    llm.enqueue({ type: 'error', status: 500, message: 'upstream exploded' });
    const response = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ question: '海西州2021年法律援助挽回了多少经济损失？' }),
    });
    const result = askResponseSchema.parse(await response.json());
    expect(result.mode).toBe('extractive');
    expect(result.fallback?.reason).toBeTruthy();
    expect(result.answer).toContain('1920.605万元');
  });

  it('falls back within the timeout when the LLM stalls mid-stream', async () => {
    llm.setReply({ type: 'stall', text: '根据' });
    try {
      const { result, ms } = await askStreaming('湟中区自然资源执法收了多少罚没款？');
      expect(result.mode).toBe('extractive');
      expect(result.fallback).not.toBeNull();
      expect(result.answer).toContain('34.19万元');
      expect(ms).toBeLessThan(timeoutMs + 4000);
    } finally {
      llm.setReply({ type: 'text', text: (body) => `根据报告，${numberedPassages(body).get(1) ?? ''}[1]`, chunkSize: 4 });
    }
  });
});
