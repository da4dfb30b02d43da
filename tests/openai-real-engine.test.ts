// The OpenAI-compatible endpoint over the real engine, used by the official openai client and a chatgpt-on-wechat-shaped request.
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { Hono } from 'hono';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer, type Citation } from '@report-qa/answer';
import { ReportIndex } from '@report-qa/retrieval';
import { createOpenAICompatibleRoutes } from '../apps/api/src/routes/openai-compatible.js';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const apiKey = 'sk-e2e-openai';
let index: ReportIndex;
let server: ServerType;
let client: OpenAI;

beforeAll(async () => {
  // Shared with tests/wechat-real-engine.test.ts: the second file finds the reports already indexed.
  const indexDir = join(tmpdir(), 'report-qa-e2e-wechat-index');
  const modelDir = process.env.EMBEDDING_MODEL_DIR ?? '/work/shared/models';
  const open = () => ReportIndex.open(indexDir, { embeddings: { provider: 'local', modelDir } });
  mkdirSync(indexDir, { recursive: true });
  // A leftover index from an older build may not open: start afresh.
  index = await open().catch(() => {
    rmSync(indexDir, { recursive: true, force: true });
    mkdirSync(indexDir, { recursive: true });
    return open();
  });
  await index.indexReports(join(root, 'data/reports'));
  const app = new Hono().route('/v1', createOpenAICompatibleRoutes({ answerer: createAnswerer({ searcher: index }), apiKeys: [apiKey] }));
  server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((done) => server.once('listening', () => done()));
  client = new OpenAI({ apiKey, baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, maxRetries: 0 });
}, 240_000);

afterAll(async () => {
  server?.close();
  await index?.close();
});

/** Every quote must be an exact substring of the report it cites. */
function expectExactQuotes(citations: Citation[]) {
  expect(citations.length).toBeGreaterThan(0);
  for (const citation of citations) {
    const report = readFileSync(join(root, 'data/reports', citation.source), 'utf8');
    expect(report.slice(citation.start, citation.end)).toBe(citation.quote);
  }
}

describe('/v1 over the real engine', () => {
  // qa-dev q056: the evidence is in 002_108f9e6d3c976853.txt.
  const question = '海西2021年法律援助帮群众挽回了多少经济损失？';

  it('answers through the openai client without streaming', async () => {
    const completion = await client.chat.completions.create({ model: 'report-qa', messages: [{ role: 'system', content: '你是助手' }, { role: 'user', content: question }] });
    const message = completion.choices[0]!.message as OpenAI.ChatCompletionMessage & { citations: Citation[] };
    expect(message.content).toContain('1920.605万元');
    expect(message.content).toContain('来源：[1]');
    expect(completion.usage!.completion_tokens).toBeGreaterThan(0);
    expect(message.citations.some((citation) => citation.source === '002_108f9e6d3c976853.txt')).toBe(true);
    expectExactQuotes(message.citations);
  });

  it('streams through the openai client, with citations in the accumulated message', async () => {
    const runner = client.chat.completions.stream({ model: 'report-qa', messages: [{ role: 'user', content: question }], stream_options: { include_usage: true } });
    let deltas = 0;
    runner.on('content', () => (deltas += 1));
    const final = await runner.finalChatCompletion();
    const message = final.choices[0]!.message as unknown as OpenAI.ChatCompletionMessage & { citations: Citation[] };
    expect(deltas).toBeGreaterThan(0);
    expect(message.content).toContain('1920.605万元');
    expectExactQuotes(message.citations);
    expect(final.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it('gives a chatgpt-on-wechat-shaped request a reply it accepts (completion_tokens > 0)', async () => {
    const baseURL = client.baseURL;
    const response = await fetch(`${baseURL}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({
        model: 'gpt-3.5-turbo',
        messages: [
          { role: 'system', content: '你是ChatGPT, 一个由OpenAI训练的大型语言模型。' },
          { role: 'user', content: '湟中自然资源执法收了多少罚没款' },
        ],
        temperature: 0.9,
        top_p: 1,
        frequency_penalty: 0.0,
        presence_penalty: 0.0,
        stream: false,
      }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { choices: { message: { content: string } }[]; usage: { completion_tokens: number; total_tokens: number } };
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
    expect(body.choices[0]!.message.content).toContain('34.19万元');
  });
});
