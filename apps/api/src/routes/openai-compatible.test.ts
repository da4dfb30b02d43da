// /v1 through HTTP and through the official openai client on a real server: shapes, streaming, keys, errors.
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answerer, AnswerResult } from '@report-qa/answer';
import { createOpenAICompatibleRoutes, estimateTokens } from './openai-compatible.js';
import { createFakeAnswerer, fakeCitation } from '@report-qa/answer/testing';

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json', ...headers },
});

/** Reads an SSE body into its data payloads. */
async function sseData(response: Response): Promise<string[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .map((block) => block.split('\n').filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trimStart()).join('\n'))
    .filter(Boolean);
}

describe('POST /v1/chat/completions', () => {
  it('answers the last user message with earlier turns as history, system prompts ignored', async () => {
    const answerer = createFakeAnswerer();
    const app = createOpenAICompatibleRoutes({ answerer, apiKeys: [] });
    const response = await app.request(
      '/chat/completions',
      json({
        model: 'anything',
        messages: [
          { role: 'system', content: '你是助手' },
          { role: 'user', content: '海东市2020年普法工作？' },
          { role: 'assistant', content: '海东市落实了普法责任制[1]。\n\n来源：[1] 海东市2020年报告 · （七）…' },
          { role: 'user', content: [{ type: 'text', text: '那行政复议' }, { type: 'image_url', image_url: { url: 'http://x' } }, { type: 'text', text: '呢？' }] },
        ],
        temperature: 0.2,
        unknown_field: { anything: true },
      }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      object: string;
      model: string;
      id: string;
      choices: { message: { role: string; content: string; citations: unknown[] }; finish_reason: string }[];
      usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
    };
    expect(answerer.calls[0]).toMatchObject({
      question: '那行政复议呢？',
      history: [
        { role: 'user', content: '海东市2020年普法工作？' },
        { role: 'assistant', content: '海东市落实了普法责任制[1]。' },
      ],
    });
    expect(body).toMatchObject({ object: 'chat.completion', model: 'report-qa', choices: [{ finish_reason: 'stop', message: { role: 'assistant' } }] });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.choices[0]!.message.content).toBe('关于「那行政复议呢？」：海东市全面落实“谁执法谁普法”普法责任制[1]。\n\n来源：[1] 海东市2020年报告 · （七）坚持多方联动，全面推进法治宣传教育');
    expect(body.choices[0]!.message.citations).toEqual([fakeCitation]);
    expect(body.usage.completion_tokens).toBeGreaterThan(10);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it('accepts a request shaped like chatgpt-on-wechat’s and returns what it needs (completion_tokens > 0)', async () => {
    const app = createOpenAICompatibleRoutes({ answerer: createFakeAnswerer({ answer: () => '好' }), apiKeys: ['sk-test'] });
    const response = await app.request(
      '/chat/completions',
      json(
        {
          model: 'gpt-3.5-turbo',
          messages: [
            { role: 'system', content: '你是ChatGPT, 一个由OpenAI训练的大型语言模型, 你旨在回答并解决人们的任何问题，并且可以使用多种语言与人交流。' },
            { role: 'user', content: '西宁市2022年法治政府建设有哪些成效？' },
          ],
          temperature: 0.9,
          top_p: 1,
          frequency_penalty: 0.0,
          presence_penalty: 0.0,
          request_timeout: 180,
          timeout: 120,
          stream: false,
        },
        { authorization: 'Bearer sk-test' },
      ),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: { message: { content: string } }[]; usage: { completion_tokens: number; total_tokens: number } };
    // chatgpt-on-wechat reads exactly these fields.
    expect(body.choices[0]!.message.content.length).toBeGreaterThan(0);
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(body.usage.total_tokens).toBeGreaterThan(body.usage.completion_tokens);
  });

  it('streams chunks: role first, content deltas, a finish chunk with citations, usage, then [DONE]', async () => {
    const app = createOpenAICompatibleRoutes({ answerer: createFakeAnswerer(), apiKeys: [] });
    const response = await app.request(
      '/chat/completions',
      json({ model: 'x', messages: [{ role: 'user', content: '城东区2017年？' }], stream: true, stream_options: { include_usage: true } }),
    );
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const data = await sseData(response);
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((item) => JSON.parse(item) as { object: string; choices: { delta: Record<string, unknown>; finish_reason: string | null }[]; usage?: { completion_tokens: number } });
    for (const chunk of chunks) expect(chunk.object).toBe('chat.completion.chunk');
    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '' });
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe('关于「城东区2017年？」：海东市全面落实“谁执法谁普法”普法责任制[1]。\n\n来源：[1] 海东市2020年报告 · （七）坚持多方联动，全面推进法治宣传教育');
    expect(chunks.filter((chunk) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(3);
    const finish = chunks.at(-2)!;
    expect(finish.choices[0]).toMatchObject({ finish_reason: 'stop', delta: { citations: [fakeCitation] } });
    const usage = chunks.at(-1)!;
    expect(usage.choices).toEqual([]);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
    expect(usage.usage!.completion_tokens).toBe(estimateTokens(content));
  });

  it('omits the usage chunk unless asked for', async () => {
    const app = createOpenAICompatibleRoutes({ answerer: createFakeAnswerer(), apiKeys: [] });
    const data = await sseData(await app.request('/chat/completions', json({ messages: [{ role: 'user', content: '问' }], stream: true })));
    const last = JSON.parse(data.at(-2)!) as { choices: { finish_reason: string }[]; usage?: unknown };
    expect(last.choices[0]!.finish_reason).toBe('stop');
    expect(last.usage).toBeUndefined();
  });

  it('answers errors in OpenAI’s shape with Chinese messages', async () => {
    const app = createOpenAICompatibleRoutes({ answerer: createFakeAnswerer(), apiKeys: [] });
    const cases: [RequestInit, number, string][] = [
      [json({ messages: [{ role: 'system', content: '只有系统提示' }] }), 400, 'invalid_request'],
      [json({ messages: [] }), 400, 'invalid_request'],
      [json({ model: 'x' }), 400, 'invalid_request'],
      [{ method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } }, 400, 'invalid_json'],
      [json({ messages: [{ role: 'user', content: '问'.repeat(2001) }] }), 400, 'question_too_long'],
    ];
    for (const [init, status, code] of cases) {
      const response = await app.request('/chat/completions', init);
      expect(response.status).toBe(status);
      const body = (await response.json()) as { error: { message: string; type: string; code: string } };
      expect(body.error).toMatchObject({ type: 'invalid_request_error', code });
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    const failing = createOpenAICompatibleRoutes({ answerer: createFakeAnswerer({ fail: true }), apiKeys: [] });
    const response = await failing.request('/chat/completions', json({ messages: [{ role: 'user', content: '问' }] }));
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: { message: '生成回答时出错，请稍后重试', type: 'server_error', code: 'internal_error', param: null } });
    const streamed = await sseData(await failing.request('/chat/completions', json({ messages: [{ role: 'user', content: '问' }], stream: true })));
    expect(streamed.at(-1)).toBe('[DONE]');
    expect(JSON.parse(streamed.at(-2)!)).toMatchObject({ error: { type: 'server_error' } });
  });

  it('asks for a Bearer key when keys are configured', async () => {
    const answerer = createFakeAnswerer();
    const app = createOpenAICompatibleRoutes({ answerer, apiKeys: ['sk-one', 'sk-two'] });
    const request = { messages: [{ role: 'user', content: '问' }] };
    for (const headers of [{}, { authorization: 'Bearer sk-three' }, { authorization: 'sk-one' }] as Record<string, string>[]) {
      const response = await app.request('/chat/completions', json(request, headers));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { type: 'invalid_request_error', code: 'invalid_api_key' } });
    }
    expect((await app.request('/models')).status).toBe(401);
    expect(answerer.calls).toHaveLength(0);
    expect((await app.request('/chat/completions', json(request, { authorization: 'Bearer sk-two' }))).status).toBe(200);
  });
});

describe('a fallback on /v1', () => {
  const fallbackResult = (answer: string): AnswerResult => ({
    answer,
    citations: [fakeCitation],
    notFound: false,
    mode: 'extractive',
    question: '问',
    scope: { filters: {}, inferred: { regions: [], years: [] }, missing: { regions: [], years: [] } },
    fallback: { reason: '大模型的回答中断（调用大模型失败），已改用摘录式回答' },
    unsupportedFigures: [],
    timings: {},
  });
  /** An answerer whose LLM answer broke off after one sentence: replace, then the extractive answer. */
  const replacing: Answerer = {
    ask: async () => fallbackResult('全面落实“谁执法谁普法”普法责任制[1]。'),
    async *stream() {
      yield { type: 'meta', question: '问', scope: fallbackResult('').scope, mode: 'llm' };
      yield { type: 'citations', citations: [fakeCitation] };
      yield { type: 'delta', text: '海东市落实了普法责任制[1]。' };
      yield { type: 'replace', mode: 'extractive', citations: [fakeCitation], notice: '（以上内容作废，以下为摘录式回答。）' };
      yield { type: 'delta', text: '全面落实“谁执法谁普法”普法责任制[1]。' };
      yield { type: 'done', result: fallbackResult('全面落实“谁执法谁普法”普法责任制[1]。') };
    },
  };

  it('streams the notice where the LLM answer broke off, then the whole fallback, and does not repeat the reason', async () => {
    const app = createOpenAICompatibleRoutes({ answerer: replacing, apiKeys: [] });
    const data = await sseData(await app.request('/chat/completions', json({ messages: [{ role: 'user', content: '问' }], stream: true })));
    const chunks = data.slice(0, -1).map((item) => JSON.parse(item) as { choices: { delta: { content?: string }; finish_reason: string | null }[] });
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe(
      '海东市落实了普法责任制[1]。\n\n（以上内容作废，以下为摘录式回答。）\n\n全面落实“谁执法谁普法”普法责任制[1]。\n\n来源：[1] 海东市2020年报告 · （七）坚持多方联动，全面推进法治宣传教育',
    );
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('says why after a fallback answer sent whole', async () => {
    const app = createOpenAICompatibleRoutes({ answerer: replacing, apiKeys: [] });
    const body = (await (await app.request('/chat/completions', json({ messages: [{ role: 'user', content: '问' }] }))).json()) as {
      choices: { message: { content: string } }[];
    };
    expect(body.choices[0]!.message.content).toBe(
      '全面落实“谁执法谁普法”普法责任制[1]。\n\n（大模型的回答中断（调用大模型失败），已改用摘录式回答）\n\n来源：[1] 海东市2020年报告 · （七）坚持多方联动，全面推进法治宣传教育',
    );
  });
});

describe('mounted in an app with its own error handler', () => {
  it('keeps OpenAI’s error shape', async () => {
    const parent = new Hono();
    parent.route('/v1', createOpenAICompatibleRoutes({ answerer: createFakeAnswerer({ fail: true }), apiKeys: ['k'] }));
    parent.onError((_error, c) => c.json({ parent: true }, 500));
    const failed = await parent.request('/v1/chat/completions', json({ messages: [{ role: 'user', content: '问' }] }, { authorization: 'Bearer k' }));
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ error: { type: 'server_error', code: 'internal_error' } });
    const unauthorized = await parent.request('/v1/models');
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });
});

describe('GET /v1/models', () => {
  it('lists the one model', async () => {
    const app = createOpenAICompatibleRoutes({ answerer: createFakeAnswerer(), apiKeys: [], modelName: 'report-qa-test' });
    expect(await (await app.request('/models')).json()).toMatchObject({ object: 'list', data: [{ id: 'report-qa-test', object: 'model', owned_by: 'report-qa' }] });
    expect((await app.request('/models/report-qa-test')).status).toBe(200);
    expect((await app.request('/models/gpt-4')).status).toBe(404);
  });
});

describe('the official openai client against a real server', () => {
  let server: ServerType;
  let client: OpenAI;
  const answerer = createFakeAnswerer();

  beforeAll(async () => {
    const app = createOpenAICompatibleRoutes({ answerer, apiKeys: ['sk-real'] });
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    client = new OpenAI({ apiKey: 'sk-real', baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, maxRetries: 0 });
  });
  afterAll(() => {
    server.close();
  });

  it('gets a complete answer', async () => {
    const completion = await client.chat.completions.create({ model: 'report-qa', messages: [{ role: 'user', content: '海西州2021年行政执法？' }] });
    expect(completion.choices[0]!.message.content).toContain('海西州2021年行政执法？');
    expect(completion.choices[0]!.finish_reason).toBe('stop');
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
    expect((completion.choices[0]!.message as unknown as { citations: unknown[] }).citations).toHaveLength(1);
  });

  it('streams an answer, with usage', async () => {
    const stream = await client.chat.completions.create({
      model: 'report-qa',
      messages: [{ role: 'user', content: '湟中区2020年复议？' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let content = '';
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta.content ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(content).toContain('湟中区2020年复议？');
    expect(content).toContain('来源：[1]');
    expect(usage!.completion_tokens).toBeGreaterThan(0);
  });

  it('accumulates the citations into the final message with the stream helper', async () => {
    const runner = client.chat.completions.stream({ model: 'report-qa', messages: [{ role: 'user', content: '西宁市？' }] });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.content).toContain('西宁市？');
    expect((final.choices[0]!.message as unknown as { citations: unknown[] }).citations).toEqual([fakeCitation]);
  });

  it('lists models and surfaces a 401 as the client’s AuthenticationError', async () => {
    const models = await client.models.list();
    expect(models.data.map((model) => model.id)).toEqual(['report-qa']);
    const anonymous = new OpenAI({ apiKey: 'wrong', baseURL: client.baseURL, maxRetries: 0 });
    await expect(anonymous.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
  });
});
