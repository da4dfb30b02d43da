// The PostgreSQL query log on a private cluster: the same records, ratings, filters, pages and retention as SQLite's; the server's log opened with its secret.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipPostgresTests, startPrivatePostgres, type PrivatePostgres } from '../../../tests/support/private-postgres.js';
import { openPostgresAnswerLogging } from './answer-logging.js';
import { createKeyedHash } from './keyed-hash.js';
import { createPostgresQueryLog, QUERY_LOG_MIGRATIONS, sharedSecret } from './postgres-query-log.js';
import type { NewAnswerRecord } from './types.js';

const DAY = 24 * 60 * 60 * 1000;
const skip = skipPostgresTests();
let cluster: PrivatePostgres;
let url: string;

beforeAll(async () => {
  if (skip) return;
  cluster = await startPrivatePostgres();
  url = cluster.createDatabase('feedback');
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  for (const migration of QUERY_LOG_MIGRATIONS) await pool.query(migration.sql);
  await pool.end();
});
afterAll(() => cluster?.stop());

const entry = (id: string, change: Partial<NewAnswerRecord> = {}): NewAnswerRecord => ({
  id,
  channel: 'web',
  question: '海东市2020年收到多少件行政复议申请？',
  rewrittenQuestion: '海东市2020年收到多少件行政复议申请？',
  history: [{ role: 'user', content: '海东' }],
  scope: { filters: { region: ['海东市'] } },
  mode: 'extractive',
  answer: '收到行政复议申请93件[1]。',
  citations: [{ n: 1, chunkId: 'c1', docId: 'd1', source: '000.txt', title: null, region: '海东市', year: 2020, sectionPath: '一、', quote: '行政复议申请93件', start: 10, end: 18 }],
  notFound: false,
  latencyMs: 12.4,
  userHash: 'u1',
  clientHash: null,
  ...change,
});

describe.skipIf(skip)('createPostgresQueryLog', () => {
  it('keeps answers and ratings, filters and pages them newest first, and prunes past the retention', async () => {
    let clock = Date.UTC(2026, 0, 1);
    const log = createPostgresQueryLog({ url, retentionDays: 30, now: () => clock });
    await log.record(entry('a1'));
    clock += DAY;
    await log.record(entry('a2', { channel: 'wechat', notFound: true }));
    clock += DAY;
    await log.record(entry('a3'));
    expect(await log.rate('missing', { rating: 'down', comment: null })).toBeNull();
    expect(await log.rate('a1', { rating: 'down', comment: '数字不对' })).toMatchObject({ id: 'a1', rating: 'down', comment: '数字不对', latencyMs: 12 });
    expect((await log.get('a2'))!.citations[0]!.quote).toBe('行政复议申请93件');
    expect((await log.list({})).answers.map((answer) => answer.id)).toEqual(['a3', 'a2', 'a1']);
    expect(await log.list({ rating: 'down' })).toMatchObject({ total: 1, answers: [{ id: 'a1' }] });
    expect((await log.list({ notFound: true, channel: 'wechat' })).answers.map((answer) => answer.id)).toEqual(['a2']);
    expect(await log.list({ limit: 1, offset: 1 })).toMatchObject({ total: 3, answers: [{ id: 'a2' }] });
    expect((await log.list({ since: Date.UTC(2026, 0, 2) })).total).toBe(2);
    clock += 30 * DAY;
    expect(await log.prune()).toBe(2);
    expect((await log.list({})).answers.map((answer) => answer.id)).toEqual(['a3']);
    await log.close();
  });

  it('shares one generated secret between processes', async () => {
    const first = await sharedSecret(url, () => 'first-secret-of-32-characters-xx');
    const second = await sharedSecret(url, () => 'second-secret-of-32-characters-x');
    expect(second).toBe(first);
  });

  it('opens the server\'s log hashing with the configured secret, else with the shared one', async () => {
    const configured = await openPostgresAnswerLogging({ url, retentionDays: 90, secret: 'configured-secret-0123456789' });
    expect(configured.hashIdentifier('openid-1')).toBe(createKeyedHash('configured-secret-0123456789')('openid-1'));
    await configured.log.close();
    const shared = await openPostgresAnswerLogging({ url, secret: null });
    const secret = await sharedSecret(url, () => 'never-used-secret-of-32-characters');
    expect(shared.hashIdentifier('openid-1')).toBe(createKeyedHash(secret)('openid-1'));
    expect((await shared.log.list({ limit: 1 })).total).toBeGreaterThanOrEqual(0);
    await shared.log.close();
  });
});
