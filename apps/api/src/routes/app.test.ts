// The API through app.request(): every resource, streaming, and bad input answered with clear 4xx errors.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askResponseSchema, documentSummarySchema, healthSchema, searchResponseSchema } from '@report-qa/schema';
import { createApp } from './app.js';
import { loadConfig, repositoryRoot } from '../config/config.js';
import { createEngine, type Engine } from '../config/engine.js';
import { createLogger } from '../config/logger.js';

const modelDir = process.env.EMBEDDING_MODEL_DIR;
const indexDir = mkdtempSync(join(tmpdir(), 'report-qa-api-'));
let engine: Engine;
let app: ReturnType<typeof createApp>;

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

beforeAll(async () => {
  const config = loadConfig({
    INDEX_DIR: indexDir,
    REPORTS_DIR: join(repositoryRoot, 'data/reports'),
    EMBEDDING_PROVIDER: modelDir ? 'local' : 'none',
    ...(modelDir ? { EMBEDDING_MODEL_DIR: modelDir } : {}),
    MAX_BODY_BYTES: '65536',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  engine = await createEngine(config, { ensureIndex: true });
  app = createApp({ config, logger: createLogger(config), library: engine.library, answerer: engine.answerer });
});

afterAll(async () => {
  await engine?.close();
  rmSync(indexDir, { recursive: true, force: true });
});

describe('reading', () => {
  it('reports health with the corpus size', async () => {
    const response = await app.request('/api/health');
    expect(response.status).toBe(200);
    const health = healthSchema.parse(await response.json());
    expect(health.documents).toBe(5);
    expect(health.passages).toBeGreaterThan(50);
    expect(health.embeddings.provider).toBe(modelDir ? 'local' : 'none');
    expect(response.headers.get('x-request-id')).toBeTruthy();
  });

  it('lists the reports with their metadata and serves one with its original text', async () => {
    const list = documentSummarySchema.array().parse(await (await app.request('/api/documents')).json());
    const haidong = list.find((document) => document.source === '000_2c522bdb5677e79f.txt');
    expect(haidong).toMatchObject({ year: 2020, docNumber: '东政〔2021〕1号' });
    const detail = (await (await app.request(`/api/documents/${haidong!.id}`)).json()) as { original: string };
    expect(detail.original).toContain('行政复议申请93件');
  });

  it('searches with an inferred region and year filter', async () => {
    const response = await app.request('/api/search', json({ query: '海东市2020年行政复议申请', topK: 3 }));
    const body = searchResponseSchema.parse(await response.json());
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((result) => result.source === '000_2c522bdb5677e79f.txt')).toBe(true);
    expect(body.scope.inferred.years).toContain(2020);
  });
});

describe('asking', () => {
  it('answers with exact quotes from the report', async () => {
    const response = await app.request('/api/ask', json({ question: '海东市2020年收到多少件行政复议申请？' }));
    expect(response.status).toBe(200);
    const answer = askResponseSchema.parse(await response.json());
    expect(answer.notFound).toBe(false);
    expect(answer.answer).toContain('93件');
    expect(answer.answer).toMatch(/\[1\]/);
    for (const citation of answer.citations) {
      const original = engine.index.getDocument(citation.docId)!.original;
      expect(original.slice(citation.start, citation.end)).toBe(citation.quote);
    }
  });

  it('streams citations first, then deltas, then the final answer', async () => {
    const response = await app.request('/api/ask', { ...json({ question: '海东市2020年收到多少件行政复议申请？' }), headers: { 'content-type': 'application/json', accept: 'text/event-stream' } });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events = [...(await response.text()).matchAll(/^event: (\w+)$/gm)].map((match) => match[1]);
    expect(events[0]).toBe('citations');
    expect(events).toContain('meta');
    expect(events.indexOf('meta')).toBeLessThan(events.indexOf('delta'));
    expect(events.at(-1)).toBe('done');
  });

  it('says plainly when the corpus has no such region', async () => {
    const answer = askResponseSchema.parse(await (await app.request('/api/ask', json({ question: '北京市2020年收到多少件行政复议申请？' }))).json());
    expect(answer.notFound).toBe(true);
    expect(answer.citations).toHaveLength(0);
    expect(answer.answer).toContain('未在已收录的报告中找到');
  });
});

describe('bad input', () => {
  const expectError = async (response: Response, status: number, code: string) => {
    expect(response.status).toBe(status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    return body;
  };

  it('rejects malformed JSON', async () => {
    await expectError(await app.request('/api/ask', json('{"question": "海东')), 400, 'INVALID_JSON');
  });

  it('rejects wrong types and names the field', async () => {
    const body = await expectError(await app.request('/api/ask', json({ question: 42 })), 400, 'VALIDATION_ERROR');
    expect(body.error.message).toContain('question');
  });

  it('rejects an empty and a 10,000-character question', async () => {
    await expectError(await app.request('/api/ask', json({ question: '   ' })), 400, 'VALIDATION_ERROR');
    await expectError(await app.request('/api/ask', json({ question: '问'.repeat(10_000) })), 400, 'VALIDATION_ERROR');
  });

  it('rejects a body that is not JSON', async () => {
    await expectError(await app.request('/api/ask', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hi' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('rejects an oversize body', async () => {
    await expectError(await app.request('/api/ask', json({ question: '问', padding: 'x'.repeat(100_000) })), 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown document id and an unknown path with 404', async () => {
    await expectError(await app.request('/api/documents/does-not-exist'), 404, 'DOCUMENT_NOT_FOUND');
    await expectError(await app.request('/api/nothing-here'), 404, 'NOT_FOUND');
  });
});

describe('documentation', () => {
  it('serves the OpenAPI document and the interactive docs without a CDN', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/ask', '/api/search', '/api/documents']));
    const page = await (await app.request('/api/docs')).text();
    expect(page).not.toMatch(/https?:\/\//);
    expect((await app.request('/api/docs/swagger-ui-bundle.js')).status).toBe(200);
  });
});
