// The fake speaks the OpenAI chat protocol well enough for the official SDK: JSON with usage, SSE chunks, errors.
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeOpenAiServer } from './fake-openai-server.js';
import { numberedPassages, startFakeOpenAiServer } from './fake-openai-server.js';

let server: FakeOpenAiServer;
let client: OpenAI;

beforeAll(async () => {
  server = await startFakeOpenAiServer({ reply: { type: 'text', text: '你好，世界' } });
  client = new OpenAI({ baseURL: server.baseURL, apiKey: 'k', maxRetries: 0 });
});
afterAll(async () => {
  await server.close();
});

describe('startFakeOpenAiServer', () => {
  it('answers a non-streaming completion with usage and records the request', async () => {
    const completion = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: '[1]甲\n[2]乙' }] });
    expect(completion.choices[0]?.message.content).toBe('你好，世界');
    expect(completion.usage?.completion_tokens).toBe(5);
    const request = server.requests.at(-1);
    expect(request?.path).toBe('/v1/chat/completions');
    expect(numberedPassages(request?.body ?? {})).toEqual(new Map([[1, '甲'], [2, '乙']]));
  });

  it('streams SSE chunks ending with [DONE], and uses queued replies first', async () => {
    server.enqueue({ type: 'text', text: 'abcdef', chunkSize: 2 });
    const stream = await client.chat.completions.create({ model: 'm', messages: [], stream: true });
    const pieces: string[] = [];
    for await (const chunk of stream) pieces.push(chunk.choices[0]?.delta?.content ?? '');
    expect(pieces.filter(Boolean)).toEqual(['ab', 'cd', 'ef']);
  });

  it.each(['invalid_json', 'disconnect'] as const)('breaks a stream midway (%s): the text comes, then the client fails', async (type) => {
    server.enqueue({ type, text: '海东市2020年共收到' });
    const stream = await client.chat.completions.create({ model: 'm', messages: [], stream: true });
    let text = '';
    const failure = await (async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
    })().catch((error: unknown) => error);
    expect(text).toBe('海东市2020年共收到');
    expect(failure).toBeInstanceOf(Error);
  });

  it('returns OpenAI-shaped errors', async () => {
    server.enqueue({ type: 'error', status: 429, message: 'slow down' });
    const error = await client.chat.completions.create({ model: 'm', messages: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toContain('slow down');
  });
});
