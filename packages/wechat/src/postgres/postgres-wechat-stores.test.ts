// The shared WeChat state on a private PostgreSQL: nonces and counters across guards, a message computed once across processes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { skipPostgresTests, startPrivatePostgres, type PrivatePostgres } from '../../../../tests/support/private-postgres.js';
import { createDeliveryGuard } from '../create-delivery-guard.js';
import type { InboundMessage } from '../inbound-message.js';
import { createFakeWechatAnswerer } from '../testing/fake-wechat-answerer.js';
import { createWechatConversation, WECHAT_TEXTS } from '../wechat-conversation.js';
import { createPostgresWechatGuardStore } from './postgres-wechat-guard-store.js';
import { createPostgresWechatReplyStore } from './postgres-wechat-reply-store.js';
import { WECHAT_MIGRATIONS } from './wechat-migrations.js';

const skip = skipPostgresTests();
let cluster: PrivatePostgres;
let pool: pg.Pool;

beforeAll(async () => {
  if (skip) return;
  cluster = await startPrivatePostgres();
  const url = cluster.createDatabase('wechat');
  pool = new pg.Pool({ connectionString: url, max: 6 });
  for (const migration of WECHAT_MIGRATIONS) await pool.query(migration.sql);
});
afterAll(async () => {
  await pool?.end();
  cluster?.stop();
});

const message = (msgId: string, content: string): InboundMessage =>
  ({ toUserName: 'gh_account', fromUserName: 'oUser1', createTime: '1', msgType: 'text', content, msgId, fields: {} });

describe.skipIf(skip)('WeChat state in PostgreSQL', () => {
  it('lets a redelivery through on the other process and refuses a replayed nonce with other content', async () => {
    const first = createDeliveryGuard({ store: createPostgresWechatGuardStore(pool), scope: 'mp' });
    const second = createDeliveryGuard({ store: createPostgresWechatGuardStore(pool), scope: 'mp' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    expect(await first.checkDelivery({ timestamp, nonce: '11', content: 'body' })).toBe('fresh');
    expect(await second.checkDelivery({ timestamp, nonce: '11', content: 'body' })).toBe('redelivery');
    expect(await second.checkDelivery({ timestamp, nonce: '11', content: 'forged' })).toBe('replayed');
  });

  it('counts one user’s messages across processes', async () => {
    const options = { userMessagesPerMinute: 2, accountMessagesPerMinute: 0, scope: 'rate' };
    const first = createDeliveryGuard({ ...options, store: createPostgresWechatGuardStore(pool) });
    const second = createDeliveryGuard({ ...options, store: createPostgresWechatGuardStore(pool) });
    expect([await first.checkRate('u'), await second.checkRate('u'), await first.checkRate('u')]).toEqual(['ok', 'ok', 'user']);
  });

  it('computes a message once when its retry reaches another process, which replies with the same answer', async () => {
    const answerer = createFakeWechatAnswerer({ delayMs: 300 });
    const a = createWechatConversation({ answerer, store: createPostgresWechatReplyStore(pool, { scope: 'mp', pollMs: 20 }) });
    const b = createWechatConversation({ answerer, store: createPostgresWechatReplyStore(pool, { scope: 'mp', pollMs: 20 }) });
    const inbound = message('9001', '海东市2020年收到多少件行政复议申请？');
    const [fromA, fromB] = await Promise.all([a.reply(inbound, Date.now() + 4000), b.reply(inbound, Date.now() + 4000)]);
    expect(fromA).not.toBeNull();
    expect(fromB).toBe(fromA);
    expect(answerer.calls).toHaveLength(1);
    // A later message on B sees the history A wrote (the follow-up context travels with the user).
    const user = await pool.query<{ state: { history: unknown[] } }>("SELECT state FROM wechat_users WHERE user_id = 'mp:oUser1'");
    expect(user.rows[0]!.state.history).toHaveLength(2);
    expect(WECHAT_TEXTS.slow).not.toBe(fromA);
  });
});
