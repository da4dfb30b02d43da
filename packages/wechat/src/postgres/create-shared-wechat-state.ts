// WeChat state shared by every API process through PostgreSQL: nonces and rate counters (the delivery guard), which
// process computes a message's answer and the pages it gave, and each user's conversation state.
import pg from 'pg';
import type { WechatGuardStore } from '../wechat-guard-store.js';
import type { WechatReplyStore } from '../wechat-reply-store.js';
import { createPostgresWechatGuardStore } from './postgres-wechat-guard-store.js';
import { createPostgresWechatReplyStore } from './postgres-wechat-reply-store.js';

export function createWechatPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on('error', () => {});
  return pool;
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
