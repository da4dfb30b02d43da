// The reply store of one process on PostgreSQL: a message computed once across processes, user state written through.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { createWechatReplyStore, DEFAULT_REPLY_TTL_MS, type UserState, type WechatReplyStore, type WechatReplyStoreOptions } from '../wechat-reply-store.js';

export interface PostgresReplyStoreOptions extends WechatReplyStoreOptions {
  /** How often a process waiting for another's answer looks for it (default 200 ms). */
  pollMs?: number;
  /** Keeps the Official Account's and WeCom's keys apart in the shared tables (default 'wechat'). */
  scope?: string;
}

/**
 * The in-memory reply store of one process, plus what makes a retry on another process safe: the first process to
 * claim a message computes it and publishes its pages; the others wait for them. User state is read before each
 * message and written through.
 */
export function createPostgresWechatReplyStore(pool: pg.Pool, options: PostgresReplyStoreOptions = {}): WechatReplyStore {
  const local = createWechatReplyStore(options);
  const ttlMs = options.ttlMs ?? DEFAULT_REPLY_TTL_MS;
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
