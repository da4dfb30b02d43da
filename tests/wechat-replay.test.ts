// Issue 11, item 5, on the real server: replayed and stale WeChat callbacks are refused, and users and the account are rate-limited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeSignature, parseInboundMessage, RATE_LIMITED_REPLIES } from '@report-qa/wechat';
import { plainQuery, testVectors, textMessageXml } from '@report-qa/wechat/testing';
import { startServer, type RunningServer } from './support/start-server.js';

const v1 = testVectors.find((set) => set.id === 'V1')!;
const token = v1.token!;
const accountPerMinute = 40;
const userPerMinute = 3;
let server: RunningServer;
/** Messages the server accepted so far: they count against the account's budget for the minute. */
let accepted = 0;

beforeAll(async () => {
  server = await startServer({
    env: {
      EMBEDDING_PROVIDER: 'none',
      WECHAT_TOKEN: token,
      WECHAT_APP_ID: v1.receiveId!,
      WECHAT_ENCODING_AES_KEY: v1.encodingAESKey!,
      WECHAT_MAX_CLOCK_SKEW_SECONDS: '60',
      WECHAT_USER_MESSAGES_PER_MINUTE: String(userPerMinute),
      WECHAT_ACCOUNT_MESSAGES_PER_MINUTE: String(accountPerMinute),
    },
  });
});

afterAll(async () => {
  await server?.close();
});

const nowSeconds = (offset = 0) => String(Math.floor(Date.now() / 1000) + offset);
const post = (query: string, body: string) => fetch(`${server.url}/wechat/mp?${query}`, { method: 'POST', body });
const replyOf = async (response: Response) => parseInboundMessage(await response.text()).content;

describe('the deployed /wechat/mp against replays and floods', () => {
  it('refuses a timestamp outside the configured window (60 s) and accepts one inside', async () => {
    expect((await post(plainQuery(token, nowSeconds(-90)), textMessageXml({ from: 'oClock', content: '海东市行政复议' }))).status).toBe(403);
    expect((await post(plainQuery(token, nowSeconds(90)), textMessageXml({ from: 'oClock', content: '海东市行政复议' }))).status).toBe(403);
    const inside = await post(plainQuery(token, nowSeconds(-30)), textMessageXml({ from: 'oClock', content: '海东市行政复议' }));
    expect(inside.status).toBe(200);
    accepted += 1;
    expect(server.output()).toContain('timestamp outside the window');
  });

  it('answers one signed query once: 300 made-up users replaying it are refused, nothing computed for them', async () => {
    const query = plainQuery(token, nowSeconds());
    expect((await post(query, textMessageXml({ from: 'oFirst', content: '西宁市行政复议' }))).status).toBe(200);
    accepted += 1;
    const statuses: number[] = [];
    for (let n = 0; n < 300; n += 1) statuses.push((await post(query, textMessageXml({ from: `oForged${n}`, content: '海东市2020年收到多少件行政复议申请？' }))).status);
    expect(new Set(statuses)).toEqual(new Set([403]));
  });

  it('tells a user who writes too often to wait, without answering', async () => {
    const replies: (string | undefined)[] = [];
    for (let n = 0; n <= userPerMinute; n += 1) {
      replies.push(await replyOf(await post(plainQuery(token, nowSeconds()), textMessageXml({ from: 'oBusy', content: `海东市行政复议${n}` }))));
      accepted += 1;
    }
    expect(replies.slice(0, userPerMinute).every((reply) => reply !== RATE_LIMITED_REPLIES.user)).toBe(true);
    expect(replies[userPerMinute]).toBe(RATE_LIMITED_REPLIES.user);
  });

  it('answers at most the account’s budget a minute when 300 users write at once', async () => {
    const replies: (string | undefined)[] = [];
    for (let n = 0; n < 300; n += 1) {
      const timestamp = nowSeconds();
      const nonce = String(900000 + n);
      const query = new URLSearchParams({ signature: computeSignature(token, timestamp, nonce), timestamp, nonce }).toString();
      replies.push(await replyOf(await post(query, textMessageXml({ from: `oCrowd${n}`, content: '湟中区自然资源执法' }))));
    }
    const limited = replies.filter((reply) => reply === RATE_LIMITED_REPLIES.account).length;
    expect(300 - limited).toBe(Math.max(0, accountPerMinute - accepted));
  });
});
