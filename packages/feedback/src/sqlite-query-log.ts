// The query log in SQLite: its own table in the index database (a separate connection), old rows pruned by age.
import Database from 'better-sqlite3';
import { z } from 'zod';
import { FeedbackError } from './feedback-error.js';
import type { AnswerPage, AnswerQuery, AnswerRecord, NewAnswerRecord, QueryLog, Rating } from './types.js';

export interface SqliteQueryLogOptions {
  /** The SQLite file (the index database), or ':memory:'. */
  file: string;
  /** Records older than this many days are removed (default 90). */
  retentionDays?: number;
  /** Clock, ms since the epoch (tests move it). */
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const MAX_LIMIT = 500;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS answer_log (
  id TEXT PRIMARY KEY, created_at INTEGER NOT NULL, channel TEXT NOT NULL,
  question TEXT NOT NULL, rewritten_question TEXT NOT NULL, history_json TEXT NOT NULL, scope_json TEXT NOT NULL,
  mode TEXT NOT NULL, answer TEXT NOT NULL, citations_json TEXT NOT NULL, not_found INTEGER NOT NULL,
  latency_ms INTEGER NOT NULL, user_hash TEXT, client_hash TEXT,
  rating TEXT, comment TEXT, rated_at INTEGER);
CREATE INDEX IF NOT EXISTS answer_log_created ON answer_log (created_at);
`;

/** A row of answer_log, as both stores return it (times in ms since the epoch). */
export interface AnswerLogRow {
  id: string;
  created_at: number;
  channel: string;
  question: string;
  rewritten_question: string;
  history_json: string;
  scope_json: string;
  mode: string;
  answer: string;
  citations_json: string;
  not_found: number;
  latency_ms: number;
  user_hash: string | null;
  client_hash: string | null;
  rating: string | null;
  comment: string | null;
  rated_at: number | null;
}

// Rows come back from disk: check what the API hands on.
const historySchema = z.array(z.object({ role: z.enum(['user', 'assistant']), content: z.string() })).catch([]);
const citationsSchema = z
  .array(
    z.looseObject({
      n: z.number(),
      chunkId: z.string(),
      docId: z.string(),
      source: z.string(),
      title: z.string().nullable(),
      region: z.string().nullable(),
      year: z.number().nullable(),
      sectionPath: z.string(),
      quote: z.string(),
      start: z.number(),
      end: z.number(),
    }),
  )
  .catch([]);
const channelSchema = z.enum(['web', 'api', 'openai', 'wechat', 'wecom']).catch('api');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function toRecord(row: AnswerLogRow): AnswerRecord {
  return {
    id: row.id,
    createdAt: new Date(row.created_at).toISOString(),
    channel: channelSchema.parse(row.channel),
    question: row.question,
    rewrittenQuestion: row.rewritten_question,
    history: historySchema.parse(parseJson(row.history_json)),
    scope: parseJson(row.scope_json),
    mode: row.mode === 'llm' ? 'llm' : 'extractive',
    answer: row.answer,
    citations: citationsSchema.parse(parseJson(row.citations_json)),
    notFound: row.not_found === 1,
    latencyMs: row.latency_ms,
    userHash: row.user_hash,
    clientHash: row.client_hash,
    rating: row.rating === 'up' || row.rating === 'down' ? row.rating : null,
    comment: row.comment,
    ratedAt: row.rated_at === null ? null : new Date(row.rated_at).toISOString(),
  };
}

export function createSqliteQueryLog({ file, retentionDays = 90, now = Date.now }: SqliteQueryLogOptions): QueryLog {
  let db: Database.Database;
  try {
    db = new Database(file);
    if (file !== ':memory:') db.pragma('journal_mode = WAL');
    // As the index store does: in WAL mode NORMAL survives a crashed process, and spares each answer an fsync.
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.exec(SCHEMA);
  } catch (error) {
    throw new FeedbackError(`无法打开问答记录库：${file}`, { cause: error, code: 'store_unavailable' });
  }
  const insert = db.prepare(`INSERT INTO answer_log (id, created_at, channel, question, rewritten_question, history_json, scope_json, mode,
    answer, citations_json, not_found, latency_ms, user_hash, client_hash) VALUES
    (@id, @createdAt, @channel, @question, @rewrittenQuestion, @history, @scope, @mode, @answer, @citations, @notFound, @latencyMs, @userHash, @clientHash)`);
  const selectOne = db.prepare<[string], AnswerLogRow>('SELECT * FROM answer_log WHERE id = ?');
  const updateRating = db.prepare('UPDATE answer_log SET rating = ?, comment = ?, rated_at = ? WHERE id = ?');
  const deleteOld = db.prepare('DELETE FROM answer_log WHERE created_at < ?');
  let lastPrune = 0;

  const prune = (): number => {
    lastPrune = now();
    return deleteOld.run(lastPrune - retentionDays * DAY_MS).changes;
  };
  prune();

  return {
    async record(entry: NewAnswerRecord) {
      if (now() - lastPrune > PRUNE_EVERY_MS) prune();
      insert.run({
        ...entry,
        createdAt: now(),
        history: JSON.stringify(entry.history),
        scope: JSON.stringify(entry.scope ?? null),
        citations: JSON.stringify(entry.citations),
        notFound: entry.notFound ? 1 : 0,
        latencyMs: Math.round(entry.latencyMs),
      });
    },
    async get(id: string) {
      const row = selectOne.get(id);
      return row ? toRecord(row) : null;
    },
    async rate(id: string, feedback: { rating: Rating; comment: string | null }) {
      const changed = updateRating.run(feedback.rating, feedback.comment, now(), id).changes;
      if (changed === 0) return null;
      return toRecord(selectOne.get(id)!);
    },
    async list(query: AnswerQuery): Promise<AnswerPage> {
      const where: string[] = [];
      const values: (string | number)[] = [];
      if (query.rating) (where.push('rating = ?'), values.push(query.rating));
      if (query.notFound !== undefined) (where.push('not_found = ?'), values.push(query.notFound ? 1 : 0));
      if (query.channel) (where.push('channel = ?'), values.push(query.channel));
      if (query.since !== undefined) (where.push('created_at >= ?'), values.push(query.since));
      if (query.until !== undefined) (where.push('created_at < ?'), values.push(query.until));
      const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const limit = Math.min(Math.max(query.limit ?? 50, 1), MAX_LIMIT);
      const offset = Math.max(query.offset ?? 0, 0);
      const rows = db.prepare<unknown[], AnswerLogRow>(`SELECT * FROM answer_log ${clause} ORDER BY created_at DESC, rowid DESC LIMIT ? OFFSET ?`).all(...values, limit, offset);
      const { total } = db.prepare<unknown[], { total: number }>(`SELECT count(*) AS total FROM answer_log ${clause}`).get(...values)!;
      return { answers: rows.map(toRecord), total };
    },
    async prune() {
      return prune();
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
