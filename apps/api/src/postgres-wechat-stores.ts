// WeChat state shared by every API process through PostgreSQL: nonces and rate counters (the delivery guard), which
// process computes a message's answer and the pages it gave, and each user's conversation state.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { WechatGuardStore } from '@report-qa/wechat';
import { createWechatReplyStore, type UserState, type WechatReplyStore, type WechatReplyStoreOptions } from './routes/wechat-reply-store.js';

/** Versions 200–299: the WeChat tables. */
export const WECHAT_MIGRATIONS = [
  {
    version: 200,
    name: 'wechat shared state',
    sql: `
CREATE TABLE wechat_claims (key text PRIMARY KEY, fingerprint text NOT NULL, count integer NOT NULL, expires_at bigint NOT NULL);
CREATE TABLE wechat_counters (key text PRIMARY KEY, count integer NOT NULL, expires_at bigint NOT NULL);
CREATE TABLE wechat_messages (key text PRIMARY KEY, owner text NOT NULL, pages jsonb, created_at bigint NOT NULL);
CREATE TABLE wechat_users (user_id text PRIMARY KEY, state jsonb NOT NULL, updated_at bigint NOT NULL);
CREATE INDEX wechat_claims_expires ON wechat_claims (expires_at);
CREATE INDEX wechat_counters_expires ON wechat_counters (expires_at);
CREATE INDEX wechat_messages_created ON wechat_messages (created_at);
`,
  },
] as const;

export function createWechatPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  return pool;
}

/** Nonces and counters in two tables; an expired row is taken over as new by the same statement. */
export function createPostgresWechatGuardStore(pool: pg.Pool, now: () => number = Date.now): WechatGuardStore {
  let lastSweep = 0;
  const sweep = () => {
    if (now() - lastSweep < 60_000) return;
    lastSweep = now();
    void pool.query('DELETE FROM wechat_claims WHERE expires_at < $1', [lastSweep]).catch(() => {});
    void pool.query('DELETE FROM wechat_counters WHERE expires_at < $1', [lastSweep]).catch(() => {});
  };
  return {
    async claim(key, fingerprint, ttlMs) {
      sweep();
      const at = now();
      const row = await pool.query<{ fingerprint: string; count: number }>(
        `INSERT INTO wechat_claims (key, fingerprint, count, expires_at) VALUES ($1, $2, 1, $3::bigint + $4::bigint)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN wechat_claims.expires_at < $3::bigint THEN 1 ELSE wechat_claims.count + 1 END,
           fingerprint = CASE WHEN wechat_claims.expires_at < $3::bigint THEN excluded.fingerprint ELSE wechat_claims.fingerprint END,
           expires_at = CASE WHEN wechat_claims.expires_at < $3::bigint THEN excluded.expires_at ELSE wechat_claims.expires_at END
         RETURNING fingerprint, count`,
        [key, fingerprint, at, ttlMs],
      );
      return row.rows[0]!;
    },
    async increment(key, ttlMs) {
      sweep();
      const at = now();
      const row = await pool.query<{ count: number }>(
        `INSERT INTO wechat_counters (key, count, expires_at) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN wechat_counters.expires_at < $2::bigint THEN 1 ELSE wechat_counters.count + 1 END,
           expires_at = CASE WHEN wechat_counters.expires_at < $2::bigint THEN excluded.expires_at ELSE wechat_counters.expires_at END
         RETURNING count`,
        [key, at, ttlMs],
      );
      return row.rows[0]!.count;
    },
  };
}

export interface PostgresReplyStoreOptions extends WechatReplyStoreOptions {
  /** How often a process waiting for another's answer looks for it (default 200 ms). */
  pollMs?: number;
  /** Keeps the Official Account's and WeCom's keys apart in the shared tables (default 'wechat'). */
  scope?: string;
}

/** The WeChat state of an engine on PostgreSQL: one pool, one guard store, a reply store per callback route. */
export interface SharedWechatState {
  guard: WechatGuardStore;
  replies(scope: 'mp' | 'work', now?: () => number): WechatReplyStore;
  close(): Promise<void>;
}

export function createSharedWechatState(url: string): SharedWechatState {
  const pool = createWechatPool(url);
  return {
    guard: createPostgresWechatGuardStore(pool),
    replies: (scope, now) => createPostgresWechatReplyStore(pool, { scope, ...(now ? { now } : {}) }),
    close: () => pool.end(),
  };
}

/**
 * The in-memory reply store of one process, plus what makes a retry on another process safe: the first process to
 * claim a message computes it and publishes its pages; the others wait for them. User state is read before each
 * message and written through.
 */
export function createPostgresWechatReplyStore(pool: pg.Pool, options: PostgresReplyStoreOptions = {}): WechatReplyStore {
  const local = createWechatReplyStore(options);
  const ttlMs = options.ttlMs ?? 48 * 60 * 60 * 1000;
  const pollMs = options.pollMs ?? 200;
  const owner = randomUUID();
  const scoped = (key: string) => `${options.scope ?? 'wechat'}:${key}`;
  let writes: Promise<unknown> = Promise.resolve();
  let lastSweep = 0;
  return {
    ...local,
    get sizes() {
      return local.sizes;
    },
    saveUser(userId: string, state: UserState) {
      local.saveUser(userId, state);
      const saved = local.getUser(userId);
      const write = pool
        .query(
          `INSERT INTO wechat_users (user_id, state, updated_at) VALUES ($1, $2, $3)
           ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
          [scoped(userId), JSON.stringify(saved), local.now()],
        )
        .catch(() => {});
      writes = writes.then(() => write);
    },
    async loadUser(userId: string) {
      await writes;
      const row = await pool.query<{ state: UserState; updated_at: string }>('SELECT state, updated_at FROM wechat_users WHERE user_id = $1', [scoped(userId)]);
      const found = row.rows[0];
      if (found && local.now() - Number(found.updated_at) <= ttlMs) local.saveUser(userId, { ...found.state, updatedAt: Number(found.updated_at) });
    },
    async flushUsers() {
      await writes;
    },
    async claim(key: string) {
      const at = local.now();
      if (at - lastSweep > 600_000) {
        lastSweep = at;
        void pool.query('DELETE FROM wechat_messages WHERE created_at < $1', [at - ttlMs]).catch(() => {});
      }
      const row = await pool.query('INSERT INTO wechat_messages (key, owner, created_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [scoped(key), owner, at]);
      return row.rowCount === 1;
    },
    async publish(key: string, pages: string[]) {
      // The user state the answer changed (its history) is written before anyone can take the pages.
      await writes;
      await pool.query('UPDATE wechat_messages SET pages = $2 WHERE key = $1', [scoped(key), JSON.stringify(pages)]);
    },
    async awaitPublished(key: string) {
      // The owner publishes within its answer timeout; past the store's lifetime there is nothing left to wait for.
      const until = local.now() + Math.min(ttlMs, 10 * 60_000);
      for (;;) {
        const row = await pool.query<{ pages: string[] | null }>('SELECT pages FROM wechat_messages WHERE key = $1', [scoped(key)]);
        const pages = row.rows[0]?.pages;
        if (pages) return pages;
        if (!row.rows[0] || local.now() > until) return null;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
  };
}
