// The query log in PostgreSQL, shared by every API process: the same records, filters and retention as the SQLite log.
import pg from 'pg';
import { FeedbackError } from './feedback-error.js';
import { toRecord, type AnswerLogRow } from './sqlite-query-log.js';
import type { AnswerPage, AnswerQuery, NewAnswerRecord, QueryLog, Rating } from './types.js';

export interface PostgresQueryLogOptions {
  /** postgres:// URL (DATABASE_URL). The table comes from QUERY_LOG_MIGRATIONS, run by the app with the others. */
  url: string;
  retentionDays?: number;
  now?: () => number;
}

/** Migrations of the query log, for the app's migration runner (versions 100–199 belong to this package). */
export const QUERY_LOG_MIGRATIONS = [
  {
    version: 100,
    name: 'query log',
    sql: `
CREATE TABLE answer_log (
  id text PRIMARY KEY, created_at bigint NOT NULL, channel text NOT NULL,
  question text NOT NULL, rewritten_question text NOT NULL, history_json text NOT NULL, scope_json text NOT NULL,
  mode text NOT NULL, answer text NOT NULL, citations_json text NOT NULL, not_found integer NOT NULL,
  latency_ms integer NOT NULL, user_hash text, client_hash text, rating text, comment text, rated_at bigint,
  seq bigint GENERATED ALWAYS AS IDENTITY);
CREATE INDEX answer_log_created ON answer_log (created_at);
CREATE TABLE app_settings (key text PRIMARY KEY, value text NOT NULL);
`,
  },
] as const;

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const MAX_LIMIT = 500;
const COLUMNS = `id, created_at::float8 AS created_at, channel, question, rewritten_question, history_json, scope_json, mode, answer,
  citations_json, not_found, latency_ms, user_hash, client_hash, rating, comment, rated_at::float8 AS rated_at`;

export function createPostgresQueryLog({ url, retentionDays = 90, now = Date.now }: PostgresQueryLogOptions): QueryLog {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  let lastPrune = 0;
  const wrap = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new FeedbackError('无法访问 DATABASE_URL 中的问答记录表', { cause: error, code: 'store_unavailable' });
    }
  };
  const prune = async (): Promise<number> => {
    lastPrune = now();
    return (await pool.query('DELETE FROM answer_log WHERE created_at < $1', [lastPrune - retentionDays * DAY_MS])).rowCount ?? 0;
  };
  const selectOne = async (id: string) => (await pool.query<AnswerLogRow>(`SELECT ${COLUMNS} FROM answer_log WHERE id = $1`, [id])).rows[0];

  return {
    record: (entry: NewAnswerRecord) =>
      wrap(async () => {
        if (now() - lastPrune > PRUNE_EVERY_MS) await prune();
        await pool.query(
          `INSERT INTO answer_log (id, created_at, channel, question, rewritten_question, history_json, scope_json, mode, answer, citations_json,
             not_found, latency_ms, user_hash, client_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
          [
            entry.id, now(), entry.channel, entry.question, entry.rewrittenQuestion, JSON.stringify(entry.history), JSON.stringify(entry.scope ?? null),
            entry.mode, entry.answer, JSON.stringify(entry.citations), entry.notFound ? 1 : 0, Math.round(entry.latencyMs), entry.userHash, entry.clientHash,
          ],
        );
      }),
    get: (id: string) =>
      wrap(async () => {
        const row = await selectOne(id);
        return row ? toRecord(row) : null;
      }),
    rate: (id: string, feedback: { rating: Rating; comment: string | null }) =>
      wrap(async () => {
        const changed = (await pool.query('UPDATE answer_log SET rating = $1, comment = $2, rated_at = $3 WHERE id = $4', [feedback.rating, feedback.comment, now(), id])).rowCount;
        if (!changed) return null;
        const row = await selectOne(id);
        return row ? toRecord(row) : null;
      }),
    list: (query: AnswerQuery) =>
      wrap(async (): Promise<AnswerPage> => {
        const where: string[] = [];
        const values: (string | number)[] = [];
        const add = (sql: string, value: string | number) => {
          values.push(value);
          where.push(sql.replace('?', `$${values.length}`));
        };
        if (query.rating) add('rating = ?', query.rating);
        if (query.notFound !== undefined) add('not_found = ?', query.notFound ? 1 : 0);
        if (query.channel) add('channel = ?', query.channel);
        if (query.since !== undefined) add('created_at >= ?', query.since);
        if (query.until !== undefined) add('created_at < ?', query.until);
        const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
        const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_LIMIT);
        const offset = Math.max(query.offset ?? 0, 0);
        const rows = await pool.query<AnswerLogRow>(
          `SELECT ${COLUMNS} FROM answer_log ${clause} ORDER BY created_at DESC, seq DESC LIMIT $${values.length + 1} OFFSET $${values.length + 2}`,
          [...values, limit, offset],
        );
        const total = await pool.query<{ total: string }>(`SELECT count(*) AS total FROM answer_log ${clause}`, values);
        return { answers: rows.rows.map(toRecord), total: Number(total.rows[0]!.total) };
      }),
    prune: () => wrap(prune),
    close: async () => {
      await pool.end();
    },
  };
}

/** The secret of the keyed hashes, generated once and shared by every process through the database. */
export async function sharedSecret(url: string, generate: () => string): Promise<string> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await pool.query("INSERT INTO app_settings (key, value) VALUES ('query_log_secret', $1) ON CONFLICT (key) DO NOTHING", [generate()]);
    return (await pool.query<{ value: string }>("SELECT value FROM app_settings WHERE key = 'query_log_secret'")).rows[0]!.value;
  } finally {
    await pool.end();
  }
}
