// The SQLite query log on a real database file: records, ratings, filters, pages, retention and keyed hashes.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createKeyedHash } from './keyed-hash.js';
import { createSqliteQueryLog } from './sqlite-query-log.js';
import type { NewAnswerRecord, QueryLog } from './types.js';

const DAY = 24 * 60 * 60 * 1000;
const folders: string[] = [];
const logs: QueryLog[] = [];

function open(options: { now?: () => number; retentionDays?: number } = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'query-log-'));
  folders.push(folder);
  const file = join(folder, 'index.sqlite');
  const log = createSqliteQueryLog({ file, ...options });
  logs.push(log);
  return { log, file };
}

afterEach(async () => {
  for (const log of logs.splice(0)) await log.close();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

const entry = (id: string, change: Partial<NewAnswerRecord> = {}): NewAnswerRecord => ({
  id,
  channel: 'web',
  question: '海东市2020年收到多少件行政复议申请？',
  rewrittenQuestion: '海东市2020年收到多少件行政复议申请？',
  history: [],
  scope: { filters: { region: ['海东市'] } },
  mode: 'extractive',
  answer: '收到行政复议申请93件[1]。',
  citations: [
    { n: 1, chunkId: 'c1', docId: 'd1', source: '000.txt', title: null, region: '海东市', year: 2020, sectionPath: '一、', quote: '行政复议申请93件', start: 10, end: 18 },
  ],
  notFound: false,
  latencyMs: 12.4,
  userHash: null,
  clientHash: null,
  ...change,
});

describe('createSqliteQueryLog', () => {
  it('keeps an answer with its citations and a rating with its comment', async () => {
    const { log } = open();
    await log.record(entry('a1'));
    expect(await log.rate('missing', { rating: 'down', comment: null })).toBeNull();
    const rated = await log.rate('a1', { rating: 'down', comment: '数字不对' });
    expect(rated).toMatchObject({ id: 'a1', rating: 'down', comment: '数字不对', latencyMs: 12, notFound: false });
    expect(rated!.citations[0]!.quote).toBe('行政复议申请93件');
    expect(rated!.ratedAt).not.toBeNull();
  });

  it('filters by rating, not-found, channel and time, newest first, in pages', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const { log } = open({ now: () => clock });
    for (let i = 0; i < 5; i += 1) {
      clock += 1000;
      await log.record(entry(`w${i}`, { notFound: i % 2 === 0, channel: i < 3 ? 'web' : 'wechat' }));
    }
    await log.rate('w0', { rating: 'down', comment: null });
    await log.rate('w2', { rating: 'down', comment: null });
    await log.rate('w1', { rating: 'up', comment: null });

    expect((await log.list({ rating: 'down' })).answers.map((a) => a.id)).toEqual(['w2', 'w0']);
    expect((await log.list({ rating: 'down', notFound: true })).total).toBe(2);
    expect((await log.list({ channel: 'wechat' })).answers.map((a) => a.id)).toEqual(['w4', 'w3']);
    expect((await log.list({ since: Date.UTC(2026, 0, 1) + 3000 })).answers.map((a) => a.id)).toEqual(['w4', 'w3', 'w2']);
    const page = await log.list({ limit: 2, offset: 2 });
    expect(page.total).toBe(5);
    expect(page.answers.map((a) => a.id)).toEqual(['w2', 'w1']);
  });

  it('removes records older than the retention period, at start and on prune', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const { log, file } = open({ now: () => clock, retentionDays: 90 });
    await log.record(entry('old'));
    clock += 60 * DAY;
    await log.record(entry('recent'));
    clock += 31 * DAY;
    expect(await log.prune()).toBe(1);
    expect(await log.get('old')).toBeNull();
    expect(await log.get('recent')).not.toBeNull();
    await log.close();

    // Opening again with a shorter retention prunes at once.
    clock += 1 * DAY;
    const reopened = createSqliteQueryLog({ file, now: () => clock, retentionDays: 30 });
    logs.push(reopened);
    expect(await reopened.get('recent')).toBeNull();
  });

  it('stores identifiers only as keyed hashes: the clear value is nowhere in the file', async () => {
    const { log, file } = open();
    const hash = createKeyedHash('a-secret-of-enough-length');
    const openId = 'oUser-OPENID-1234567890';
    const address = '203.0.113.77';
    await log.record(entry('h1', { userHash: hash(openId), clientHash: hash(address) }));
    await log.close();
    const files = [file, `${file}-wal`].filter((path) => existsSync(path));
    const bytes = files.map((path) => readFileSync(path).toString('latin1')).join('');
    expect(bytes).toContain('answer_log');
    expect(bytes).not.toContain(openId);
    expect(bytes).not.toContain(address);
    const row = new Database(file, { readonly: true }).prepare('SELECT user_hash, client_hash FROM answer_log').get() as Record<string, string>;
    expect(row.user_hash).toBe(hash(openId));
    expect(row.user_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash(openId)).not.toBe(createKeyedHash('another-secret-of-length')(openId));
  });

  it('shares the index database with other tables without touching them', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'query-log-'));
    folders.push(folder);
    const file = join(folder, 'index.sqlite');
    const other = new Database(file);
    other.exec('CREATE TABLE documents (id TEXT PRIMARY KEY); INSERT INTO documents VALUES (\'d1\');');
    const log = createSqliteQueryLog({ file });
    logs.push(log);
    await log.record(entry('s1'));
    expect(other.prepare('SELECT count(*) AS n FROM documents').get()).toEqual({ n: 1 });
    expect(other.prepare('SELECT count(*) AS n FROM answer_log').get()).toEqual({ n: 1 });
    other.close();
  });
});
