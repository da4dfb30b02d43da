// The query log through the server app: ids on every channel, feedback, the keyed log and export, hashed identifiers, retention, suggestions.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyedHash, openQueryLog, SECRET_FILE } from '@report-qa/feedback';
import { parseQaQuestions } from '@report-qa/retrieval';
import { answersPageSchema, askResponseSchema, feedbackResponseSchema, suggestionsResponseSchema } from '@report-qa/schema';
import { plainQuery, textMessageXml } from '@report-qa/wechat/testing';
import { createApp } from './app.js';
import { loadConfig, repositoryRoot, type AppConfig } from '../config/config.js';
import { createEngine, type Engine } from '../config/engine.js';
import { createLogger } from '../config/logger.js';
import { createServerApp } from './server-app.js';

const KEY = 'review-key-1';
const WECHAT_TOKEN = 'querylogtoken';
const QUESTION = '海东市2020年收到多少件行政复议申请？';
const modelDir = process.env.EMBEDDING_MODEL_DIR;
const indexDir = mkdtempSync(join(tmpdir(), 'report-qa-answers-'));
let config: AppConfig;
let engine: Engine;
let app: ReturnType<typeof createServerApp>;

const authorized = { authorization: `Bearer ${KEY}` };
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const listAnswers = async (query: string) => answersPageSchema.parse(await (await app.request(`/api/answers?${query}`, { headers: authorized })).json());

beforeAll(async () => {
  config = loadConfig({
    INDEX_DIR: indexDir,
    REPORTS_DIR: join(repositoryRoot, 'data/reports'),
    EMBEDDING_PROVIDER: modelDir ? 'local' : 'none',
    ...(modelDir ? { EMBEDDING_MODEL_DIR: modelDir } : {}),
    API_KEYS: KEY,
    WECHAT_TOKEN,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '0',
  });
  engine = await createEngine(config, { ensureIndex: true });
  app = createServerApp(engine, createLogger(config));
});

afterAll(async () => {
  await engine?.close();
  rmSync(indexDir, { recursive: true, force: true });
});

describe('answer ids and the query log', () => {
  it('gives every answer an id (JSON, the stream done event, /v1) and logs it with its channel', async () => {
    const json = askResponseSchema.parse(await (await postJson('/api/ask', { question: QUESTION }, { 'x-report-qa-client': 'web' })).json());
    expect(json.id).toMatch(/^[0-9a-f-]{36}$/);

    const streamed = await (await postJson('/api/ask', { question: QUESTION }, { accept: 'text/event-stream' })).text();
    const done = askResponseSchema.parse(JSON.parse(/event: done\r?\ndata: (.*)\r?\n/.exec(streamed)![1]!));
    expect(done.id).not.toBe(json.id);

    const completion = (await (await postJson('/v1/chat/completions', { messages: [{ role: 'user', content: QUESTION }] }, authorized)).json()) as { id: string };

    const { answers } = await listAnswers('limit=10');
    const byId = new Map(answers.map((answer) => [answer.id, answer]));
    expect(byId.get(json.id)).toMatchObject({ channel: 'web', question: QUESTION, notFound: false, answer: json.answer });
    expect(byId.get(json.id)!.citations.map((citation) => citation.quote)).toEqual(json.citations.map((citation) => citation.quote));
    expect(byId.get(done.id)?.channel).toBe('api');
    expect(byId.get(completion.id)?.channel).toBe('openai');
    expect(byId.get(json.id)!.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('takes 👍/👎 with a comment (201); an unknown id is 404, a bad rating 400', async () => {
    const { id } = askResponseSchema.parse(await (await postJson('/api/ask', { question: '西宁市2022年行政复议案件有多少件？' })).json());
    const rated = await postJson('/api/feedback', { answerId: id, rating: 'down', comment: '没有给出数字' });
    expect(rated.status).toBe(201);
    expect(feedbackResponseSchema.parse(await rated.json())).toEqual({ answerId: id, rating: 'down', comment: '没有给出数字' });

    const unknown = await postJson('/api/feedback', { answerId: 'no-such-answer', rating: 'up' });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'ANSWER_NOT_FOUND' });
    expect((await postJson('/api/feedback', { answerId: id, rating: 'meh' })).status).toBe(400);

    const down = await listAnswers('rating=down');
    expect(down.answers.map((answer) => answer.id)).toContain(id);
    expect(down.answers.find((answer) => answer.id === id)).toMatchObject({ rating: 'down', comment: '没有给出数字' });
    expect(down.answers.every((answer) => answer.rating === 'down')).toBe(true);
  });

  it('filters not-found answers and pages through the log', async () => {
    const { id } = askResponseSchema.parse(await (await postJson('/api/ask', { question: '火星基地2020年建设了多少座温室？' })).json());
    const notFound = await listAnswers('notFound=true');
    expect(notFound.answers.map((answer) => answer.id)).toContain(id);
    expect(notFound.answers.every((answer) => answer.notFound)).toBe(true);

    const all = await listAnswers('limit=200');
    const first = await listAnswers('limit=2&offset=0');
    const second = await listAnswers('limit=2&offset=2');
    expect(first.total).toBe(all.total);
    expect(first.answers.map((answer) => answer.id)).toEqual(all.answers.slice(0, 2).map((answer) => answer.id));
    expect(second.answers.map((answer) => answer.id)).toEqual(all.answers.slice(2, 4).map((answer) => answer.id));
    expect((await listAnswers(`since=${new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)}`)).total).toBe(0);
    expect((await app.request('/api/answers?since=yesterday', { headers: authorized })).status).toBe(400);
  });

  it('needs a key for the log, one answer and the export; with no keys configured they are closed', async () => {
    for (const path of ['/api/answers', '/api/answers?rating=down', '/api/answers/export', '/api/answers/some-id']) {
      expect((await app.request(path)).status).toBe(401);
      expect((await app.request(path, { headers: { authorization: 'Bearer wrong-key' } })).status).toBe(401);
    }
    const keyless = createApp({ config: { ...config, apiKeys: [] }, logger: createLogger(config), library: engine.library, answerer: engine.answerer });
    const closed = await keyless.request('/api/answers');
    expect(closed.status).toBe(403);
    expect(((await closed.json()) as { error: { message: string } }).error.message).toContain('API_KEYS');
  });

  it('exports JSON lines that `report-qa eval` reads, quotes exact in the cited reports', async () => {
    const response = await app.request('/api/answers/export', { headers: authorized });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const text = await response.text();
    const cases = parseQaQuestions(text);
    expect(cases.length).toBe((await listAnswers('limit=1')).total);
    const answered = cases.find((item) => item.question === QUESTION)!;
    expect(answered.type).toBe('number');
    expect(answered.region).toBe('海东市');
    expect(answered.evidence.length).toBeGreaterThan(0);
    for (const { doc, quote } of answered.evidence) expect(readFileSync(join(repositoryRoot, 'data/reports', doc), 'utf8')).toContain(quote);
    const refused = cases.find((item) => item.question.startsWith('火星基地'))!;
    expect(refused).toMatchObject({ type: 'unanswerable', evidence: [] });

    const downOnly = parseQaQuestions(await (await app.request('/api/answers/export?rating=down', { headers: authorized })).text());
    expect(downOnly.length).toBeGreaterThan(0);
    expect(downOnly.length).toBeLessThan(cases.length);
  });

  it('stores WeChat OpenIDs and client addresses only as keyed hashes', async () => {
    const openId = 'oQueryLogOpenId-7f3a9c';
    const address = '198.51.100.23';
    const timestamp = String(Math.floor(Date.now() / 1000));
    const wechat = await app.request(`/wechat/mp?${plainQuery(WECHAT_TOKEN, timestamp)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: textMessageXml({ from: openId, content: QUESTION }),
    });
    expect(wechat.status).toBe(200);
    // The Node server's socket, as @hono/node-server hands it to the app.
    const asked = await app.request(
      '/api/ask',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ question: QUESTION }) },
      { incoming: { socket: { remoteAddress: address, remotePort: 50000, remoteFamily: 'IPv4' } } },
    );
    const { id } = askResponseSchema.parse(await asked.json());

    const secret = readFileSync(join(indexDir, SECRET_FILE), 'utf8').trim();
    const hash = createKeyedHash(secret);
    const file = join(indexDir, 'index.sqlite');
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT id, channel, user_hash, client_hash FROM answer_log').all() as { id: string; channel: string; user_hash: string | null; client_hash: string | null }[];
    db.close();
    expect(rows.find((row) => row.channel === 'wechat')?.user_hash).toBe(hash(openId));
    expect(rows.find((row) => row.id === id)?.client_hash).toBe(hash(address));

    const bytes = [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path).toString('latin1')).join('');
    expect(bytes).toContain(hash(openId));
    expect(bytes).not.toContain(openId);
    expect(bytes).not.toContain(address);
    // Reviewers do not get the hashes either.
    expect(JSON.stringify(await listAnswers('limit=200'))).not.toContain(hash(openId));
  });

  it('deletes answers older than the retention period when the log is opened', async () => {
    const file = join(indexDir, 'index.sqlite');
    const db = new Database(file);
    db.prepare("UPDATE answer_log SET created_at = ? WHERE channel = 'openai'").run(Date.now() - 91 * 86_400_000);
    const before = (db.prepare('SELECT count(*) AS n FROM answer_log').get() as { n: number }).n;
    db.close();
    const reopened = openQueryLog({ indexDir: config.indexDir, retentionDays: 90, secret: null });
    const after = await reopened.log.list({ limit: 500 });
    await reopened.log.close();
    expect(after.total).toBe(before - 1);
    expect(after.answers.some((answer) => answer.channel === 'openai')).toBe(false);
  });
});

describe('documentation', () => {
  it('lists feedback, suggestions, the log and its export in the OpenAPI document', async () => {
    const document = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/feedback', '/api/suggestions', '/api/answers', '/api/answers/export', '/api/answers/{id}']));
  });
});

describe('POST /api/suggestions', () => {
  it('suggests two or three next questions, each of which the reports answer', async () => {
    const { id } = askResponseSchema.parse(await (await postJson('/api/ask', { question: QUESTION })).json());
    const response = await postJson('/api/suggestions', { answerId: id });
    expect(response.status).toBe(200);
    const { suggestions } = suggestionsResponseSchema.parse(await response.json());
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions).not.toContain(QUESTION);
    for (const question of suggestions) {
      const answer = askResponseSchema.parse(await (await postJson('/api/ask', { question, mode: 'extractive' })).json());
      expect(answer.notFound, question).toBe(false);
    }
    expect((await postJson('/api/suggestions', { answerId: 'no-such-answer' })).status).toBe(404);
  });
});
