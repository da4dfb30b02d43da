// /wechat/mp through HTTP: published vectors, forged requests, retries, the 5-second rule, long answers, both modes.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTINUE_HINT, computeSignature, createDeliveryGuard, parseInboundMessage, RATE_LIMITED_REPLIES, utf8ByteLength, WECHAT_TEXTS } from '@report-qa/wechat';
import { createWechatMpRoutes } from './wechat-mp.js';
import { createFakeAnswerer } from '@report-qa/answer/testing';
import { eventXml, plainQuery, readEncryptedReply, safeModeRequest, startFakeWechatApi, textMessageXml } from '@report-qa/wechat/testing';
import { changeOne, testVectors as wechatVectors } from '@report-qa/wechat/testing';

const v1 = wechatVectors.find((set) => set.id === 'V1')!;
const keys = { token: v1.token!, encodingAESKey: v1.encodingAESKey!, receiveId: v1.receiveId! };
const config = { token: keys.token, appId: keys.receiveId, encodingAESKey: keys.encodingAESKey, appSecret: null };
/** The route's clock set to a moment (seconds, as WeChat's timestamps): the published vectors were signed years ago. */
const clockAt = (seconds: string | number) => () => Number(seconds) * 1000;
/** The moment the helpers' requests (plainQuery, safeModeRequest) are signed at. */
const recent = clockAt(1_700_000_000);

const post = async (app: ReturnType<typeof createWechatMpRoutes>, query: string, body: string): Promise<Response> =>
  app.request(`/?${query}`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } });
const replyOf = async (response: Response) => parseInboundMessage(await response.text()).content;

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('GET /wechat/mp URL verification', () => {
  const plainCases = wechatVectors.flatMap((set) =>
    set.cases.filter((item) => item.kind === 'plain_signature').map((item) => ({ name: `${set.id} ${item.timestamp}`, token: item.token ?? set.token!, ...item })),
  );

  it.each(plainCases)('$name: echostr comes back bare; one-character changes are refused', async ({ token, timestamp, nonce, signature, echostr }) => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config: { ...config, token }, now: clockAt(timestamp) });
    const echo = echostr ?? '5838479218127813673';
    const url = (t: string, ts: string, n: string, s: string) => `/?${new URLSearchParams({ signature: s, timestamp: ts, nonce: n, echostr: echo })}`;
    const ok = await app.request(url(token, timestamp, nonce, signature!));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(echo);
    for (const bad of [url(token, changeOne(timestamp), nonce, signature!), url(token, timestamp, changeOne(nonce), signature!), url(token, timestamp, nonce, changeOne(signature!))]) {
      expect((await app.request(bad)).status).toBe(403);
    }
    const wrongToken = createWechatMpRoutes({ answerer, config: { ...config, token: changeOne(token) }, now: clockAt(timestamp) });
    expect((await wrongToken.request(url(token, timestamp, nonce, signature!))).status).toBe(403);
  });
});

describe('POST /wechat/mp with the published safe-mode vector (V1)', () => {
  const item = v1.cases.find((entry) => entry.kind === 'decrypt')!;
  const plainSignature = v1.cases.find((entry) => entry.kind === 'plain_signature')!.signature!;
  const envelope = (encrypt: string) => `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  const query = (overrides: Record<string, string> = {}) =>
    new URLSearchParams({
      signature: plainSignature,
      timestamp: item.timestamp,
      nonce: item.nonce,
      openid: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      encrypt_type: 'aes',
      msg_signature: item.msg_signature!,
      ...overrides,
    }).toString();

  it('decrypts the message, answers it and encrypts the reply', async () => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config, now: clockAt(item.timestamp) });
    const response = await post(app, query(), envelope(item.encrypt!));
    expect(response.status).toBe(200);
    const reply = readEncryptedReply(keys, await response.text());
    expect(answerer.calls.map((call) => call.question)).toEqual(['abcdteT']);
    expect(reply).toMatchObject({ toUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs', fromUserName: 'gh_10f6c3c3ac5a', msgType: 'text', createTime: item.timestamp });
    expect(reply.content).toContain('关于「abcdteT」');
    expect(reply.content).toContain('来源：[1] 海东市2020年报告 · （七）坚持多方联动');
  });

  const tampered: [string, () => { query: string; body: string }][] = [
    ['timestamp', () => ({ query: query({ timestamp: changeOne(item.timestamp) }), body: envelope(item.encrypt!) })],
    ['nonce', () => ({ query: query({ nonce: changeOne(item.nonce) }), body: envelope(item.encrypt!) })],
    ['signature', () => ({ query: query({ signature: changeOne(plainSignature) }), body: envelope(item.encrypt!) })],
    ['msg_signature', () => ({ query: query({ msg_signature: changeOne(item.msg_signature!) }), body: envelope(item.encrypt!) })],
    ['ciphertext (first block)', () => ({ query: query(), body: envelope(changeOne(item.encrypt!, 5)) })],
    ['ciphertext (last block)', () => ({ query: query(), body: envelope(changeOne(item.encrypt!, item.encrypt!.length - 3)) })],
  ];
  it.each(tampered)('refuses a one-character change of the %s without computing an answer', async (_name, build) => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config, now: clockAt(item.timestamp) });
    const { query: q, body } = build();
    const response = await post(app, q, body);
    expect(response.status).toBe(403);
    expect(answerer.calls).toHaveLength(0);
  });

  it('refuses a one-character change of the token and a wrong appid', async () => {
    for (const wrong of [{ ...config, token: changeOne(config.token) }, { ...config, appId: changeOne(config.appId) }]) {
      const answerer = createFakeAnswerer();
      const response = await post(createWechatMpRoutes({ answerer, config: wrong, now: clockAt(item.timestamp) }), query(), envelope(item.encrypt!));
      expect(response.status).toBe(403);
      expect(answerer.calls).toHaveLength(0);
    }
  });
});

describe('POST /wechat/mp conversations', () => {
  it('answers a plain-mode question within the deadline, in plain text with a source footer', async () => {
    const answerer = createFakeAnswerer({ answer: () => '## 结论\n**海东市**全面落实普法责任制[1]。' });
    const app = createWechatMpRoutes({ answerer, config, now: recent });
    const started = Date.now();
    const content = await replyOf(await post(app, plainQuery(config.token), textMessageXml({ content: '海东市怎样普法？' })));
    expect(Date.now() - started).toBeLessThan(1000);
    expect(content).toBe('结论\n海东市全面落实普法责任制[1]。\n\n来源：[1] 海东市2020年报告 · （七）坚持多方联动，全面推进法治宣传教育');
  });

  it('works as a conversation in safe mode: the user message encrypted, the replies decrypted', async () => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config, now: recent });
    const first = safeModeRequest(keys, textMessageXml({ content: '海东市2020年如何推进普法？' }));
    const reply1 = readEncryptedReply(keys, await (await post(app, first.query, first.body)).text());
    expect(reply1.content).toContain('海东市2020年如何推进普法？');
    const second = safeModeRequest(keys, textMessageXml({ content: '那行政复议呢？' }), '1700000100', '777');
    const reply2 = readEncryptedReply(keys, await (await post(app, second.query, second.body)).text());
    expect(reply2.content).toContain('那行政复议呢？');
    // The second question carries the first turn as history, for follow-up rewriting.
    expect(answerer.calls[1]!.history?.map((turn) => turn.role)).toEqual(['user', 'assistant']);
    expect(answerer.calls[1]!.history?.[0]!.content).toBe('海东市2020年如何推进普法？');
  });

  it('computes one answer for three deliveries of one message, and replies success while still computing', async () => {
    const answerer = createFakeAnswerer({ delayMs: 900 });
    const app = createWechatMpRoutes({ answerer, config, now: recent, replyDeadlineMs: 300 });
    const xml = textMessageXml({ content: '西宁市行政复议情况？' });
    const first = post(app, plainQuery(config.token), xml);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const second = post(app, plainQuery(config.token), xml);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const third = await post(app, plainQuery(config.token), xml);
    expect(await replyOf(await first)).toBe(WECHAT_TEXTS.slow);
    expect(await (await second).text()).toBe('success');
    expect(await replyOf(third)).toContain('西宁市行政复议情况？');
    expect(answerer.calls).toHaveLength(1);
  });

  it('keeps WeChat’s real timing: replies within 4.5 s, one computation for deliveries 5 s apart', async () => {
    const answerer = createFakeAnswerer({ delayMs: 6000 });
    const app = createWechatMpRoutes({ answerer, config, now: recent });
    const xml = textMessageXml({ content: '海西州2021年执法监督？' });
    const deliveries: Promise<{ ms: number; response: Response }>[] = [];
    const started = Date.now();
    for (let index = 0; index < 3; index += 1) {
      const at = Date.now();
      deliveries.push(post(app, plainQuery(config.token), xml).then((response) => ({ ms: Date.now() - at, response })));
      if (index < 2) await new Promise((resolve) => setTimeout(resolve, 5000));
    }
    const results = await Promise.all(deliveries);
    expect(Date.now() - started).toBeLessThan(15_000);
    for (const { ms } of results) expect(ms).toBeLessThan(4700);
    expect(results[0]!.ms).toBeGreaterThanOrEqual(4400);
    expect(await replyOf(results[0]!.response)).toBe(WECHAT_TEXTS.slow);
    // The second delivery (5 s) sees the answer become ready at 6 s; the third gets the same text.
    const second = await replyOf(results[1]!.response);
    expect(second).toContain('海西州2021年执法监督？');
    expect(await replyOf(results[2]!.response)).toBe(second);
    expect(answerer.calls).toHaveLength(1);
  }, 30_000);

  it('delivers a late answer when the user writes again (no appSecret)', async () => {
    const answerer = createFakeAnswerer({ delayMs: (question) => (question.includes('慢') ? 600 : 0) });
    const app = createWechatMpRoutes({ answerer, config, now: recent, replyDeadlineMs: 200 });
    expect(await replyOf(await post(app, plainQuery(config.token), textMessageXml({ content: '一个慢问题' })))).toBe(WECHAT_TEXTS.slow);
    // Written again before the answer is ready: told to wait, nothing new computed.
    expect(await replyOf(await post(app, plainQuery(config.token), textMessageXml({ content: '好了吗' })))).toBe(WECHAT_TEXTS.stillPending);
    await new Promise((resolve) => setTimeout(resolve, 600));
    const late = await replyOf(await post(app, plainQuery(config.token), textMessageXml({ content: '1' })));
    expect(late).toContain('关于「一个慢问题」');
    expect(answerer.calls.map((call) => call.question)).toEqual(['一个慢问题']);
    // The next message is a new question again.
    expect(await replyOf(await post(app, plainQuery(config.token), textMessageXml({ content: '新问题' })))).toContain('关于「新问题」');
  });

  it('pages a long answer within 2048 bytes and continues on "继续" (retries do not skip a page)', async () => {
    const sentence = '全面推进依法行政，加强行政执法监督，落实行政执法责任制，规范行政执法行为。';
    const answerer = createFakeAnswerer({ answer: () => Array.from({ length: 70 }, (_, index) => `${index + 1}. ${sentence}[1]`).join('\n') });
    const app = createWechatMpRoutes({ answerer, config, now: recent });
    const pages: string[] = [];
    const first = await replyOf(await post(app, plainQuery(config.token), textMessageXml({ content: '执法监督有哪些做法？' })));
    pages.push(first!);
    while (pages.at(-1)!.endsWith(CONTINUE_HINT)) {
      const xml = textMessageXml({ content: '继续' });
      const page = await replyOf(await post(app, plainQuery(config.token), xml));
      // A retry of the same "继续" gets the same page, not the next one.
      expect(await replyOf(await post(app, plainQuery(config.token), xml))).toBe(page);
      pages.push(page!);
      expect(pages.length).toBeLessThan(10);
    }
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) expect(utf8ByteLength(page)).toBeLessThanOrEqual(2048);
    expect(pages.at(-1)).toContain('来源：[1]');
    expect(pages.join('')).toContain('70. ');
    expect(await replyOf(await post(app, plainQuery(config.token), textMessageXml({ content: '继续' })))).toBe(WECHAT_TEXTS.noMore);
    expect(answerer.calls).toHaveLength(1);
  });

  it('greets new followers, answers other message types politely, and says success to other events', async () => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config, now: recent });
    expect(await replyOf(await post(app, plainQuery(config.token), eventXml({ event: 'subscribe' })))).toBe(WECHAT_TEXTS.help);
    expect(await (await post(app, plainQuery(config.token), eventXml({ event: 'unsubscribe', createTime: '1700000009' }))).text()).toBe('success');
    const image =
      '<xml><ToUserName>gh_account</ToUserName><FromUserName>oUser1</FromUserName><CreateTime>1700000001</CreateTime><MsgType>image</MsgType><PicUrl>http://x/y.jpg</PicUrl><MediaId>m</MediaId><MsgId>1234567890123456789</MsgId></xml>';
    expect(await replyOf(await post(app, plainQuery(config.token), image))).toBe(WECHAT_TEXTS.unsupported);
    expect(answerer.calls).toHaveLength(0);
  });

  it('never shows an error page: a failing answerer gives an apology', async () => {
    const app = createWechatMpRoutes({ answerer: createFakeAnswerer({ fail: true }), config, now: recent });
    const response = await post(app, plainQuery(config.token), textMessageXml({ content: '问题' }));
    expect(response.status).toBe(200);
    expect(await replyOf(response)).toBe(WECHAT_TEXTS.failed);
  });

  it('refuses hostile XML even when signed, without computing an answer', async () => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config, now: recent });
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><xml><ToUserName>g</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>&b;</Content><MsgId>1</MsgId></xml>`;
    expect((await post(app, plainQuery(config.token), bomb)).status).toBe(400);
    const huge = textMessageXml({ content: '问'.repeat(30_000) });
    expect((await post(app, plainQuery(config.token), huge)).status).toBe(413);
    // An unsigned request is refused before its body is read.
    expect((await post(app, 'timestamp=1&nonce=2&signature=0000000000000000000000000000000000000000', textMessageXml({ content: 'x' }))).status).toBe(403);
    expect(answerer.calls).toHaveLength(0);
  });
});

describe('replays and floods (issue 11, item 5)', () => {
  const item = v1.cases.find((entry) => entry.kind === 'decrypt')!;
  const publishedQuery = new URLSearchParams({
    signature: computeSignature(config.token, item.timestamp, item.nonce),
    timestamp: item.timestamp,
    nonce: item.nonce,
    encrypt_type: 'aes',
    msg_signature: item.msg_signature!,
  }).toString();
  const publishedBody = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${item.encrypt}]]></Encrypt></xml>`;

  it('refuses the published message, signed in 2014, on today’s clock, without computing an answer', async () => {
    const answerer = createFakeAnswerer();
    const refusals: string[] = [];
    const app = createWechatMpRoutes({ answerer, config, onRefusal: (reason) => refusals.push(reason) });
    const response = await post(app, publishedQuery, publishedBody);
    expect(response.status).toBe(403);
    expect(answerer.calls).toHaveLength(0);
    expect(refusals).toEqual(['stale']);
    // URL verification too.
    const verify = await app.request(`/?${new URLSearchParams({ signature: computeSignature(config.token, item.timestamp, '1'), timestamp: item.timestamp, nonce: '1', echostr: 'e' })}`);
    expect(verify.status).toBe(403);
  });

  it('refuses a timestamp just outside a configured window and accepts one inside', async () => {
    const skewed = (seconds: number) =>
      createWechatMpRoutes({ answerer: createFakeAnswerer(), config, guard: createDeliveryGuard({ now: clockAt(1_700_000_000 + seconds), maxClockSkewSeconds: 60 }) });
    expect((await post(skewed(61), plainQuery(config.token), textMessageXml({ content: '问' }))).status).toBe(403);
    expect((await post(skewed(-61), plainQuery(config.token), textMessageXml({ content: '问' }))).status).toBe(403);
    expect((await post(skewed(59), plainQuery(config.token), textMessageXml({ content: '问' }))).status).toBe(200);
  });

  it('answers one signed plain-mode query once: reused for 300 made-up users it is refused (the body is not signed)', async () => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config, now: recent });
    const query = plainQuery(config.token);
    expect(await replyOf(await post(app, query, textMessageXml({ from: 'oRealUser', content: '海东市怎样普法？' })))).toContain('海东市怎样普法？');
    const statuses = new Set<number>();
    for (let n = 0; n < 300; n += 1) statuses.add((await post(app, query, textMessageXml({ from: `oForged${n}`, content: '问' }))).status);
    expect([...statuses]).toEqual([403]);
    expect(answerer.calls).toHaveLength(1);
  });

  it('still answers WeChat’s own redelivery of the same request (same nonce, same body) from the one computation', async () => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config, now: recent });
    const request = safeModeRequest(keys, textMessageXml({ content: '西宁市行政复议？' }));
    const first = readEncryptedReply(keys, await (await post(app, request.query, request.body)).text()).content;
    const again = readEncryptedReply(keys, await (await post(app, request.query, request.body)).text()).content;
    expect(again).toBe(first);
    expect(answerer.calls).toHaveLength(1);
  });

  it('limits the account: beyond its budget a minute, users are told to wait and nothing is computed', async () => {
    const answerer = createFakeAnswerer();
    const app = createWechatMpRoutes({ answerer, config, guard: createDeliveryGuard({ now: recent, accountMessagesPerMinute: 50 }) });
    const replies: string[] = [];
    for (let n = 0; n < 300; n += 1) replies.push((await replyOf(await post(app, plainQuery(config.token), textMessageXml({ from: `oUser${n}`, content: '问' }))))!);
    expect(replies.filter((reply) => reply === RATE_LIMITED_REPLIES.account)).toHaveLength(250);
    expect(answerer.calls).toHaveLength(50);
  });

  it('limits one user to 20 messages a minute by default, others unaffected, and lets them ask again a minute later', async () => {
    const answerer = createFakeAnswerer();
    let clock = 1_700_000_000_000;
    const app = createWechatMpRoutes({ answerer, config, now: () => clock });
    const ask = async (from: string, timestamp = '1700000000') =>
      replyOf(await post(app, plainQuery(config.token, timestamp), textMessageXml({ from, content: `问题${Math.random()}` })));
    for (let n = 0; n < 20; n += 1) expect(await ask('oBusy')).not.toBe(RATE_LIMITED_REPLIES.user);
    expect(await ask('oBusy')).toBe(RATE_LIMITED_REPLIES.user);
    expect(await ask('oCalm')).toContain('关于「问题');
    expect(answerer.calls).toHaveLength(21);
    clock += 61_000;
    expect(await ask('oBusy', '1700000061')).toContain('关于「问题');
  });
});

describe('late answers pushed through the customer-service API (appSecret set)', () => {
  it('replies success in time, then pushes the answer with a fresh access_token', async () => {
    const received: { path: string; query: URLSearchParams; body: string }[] = [];
    const fake: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        const url = new URL(request.url ?? '/', 'http://fake');
        received.push({ path: url.pathname, query: url.searchParams, body });
        response.setHeader('content-type', 'application/json');
        if (url.pathname === '/cgi-bin/token') response.end(JSON.stringify({ access_token: 'TOKEN-1', expires_in: 7200 }));
        else response.end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => fake.close());
    const origin = `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
    const loopbackFetch: typeof fetch = (input, init) => fetch(String(input).replace('https://api.weixin.qq.com', origin), init);

    const answerer = createFakeAnswerer({ delayMs: 500 });
    const app = createWechatMpRoutes({ answerer, config: { ...config, appSecret: 'SECRET' }, now: recent, fetch: loopbackFetch, replyDeadlineMs: 150 });
    const xml = textMessageXml({ from: 'oPushUser', content: '城东区2017年做了什么？' });
    const response = await post(app, plainQuery(config.token), xml);
    expect(await response.text()).toBe('success');
    await expect.poll(() => received.length, { timeout: 3000 }).toBe(2);
    // A late retry of the same message must not show the answer a second time.
    expect(await (await post(app, plainQuery(config.token), xml)).text()).toBe('success');
    expect(received[0]).toMatchObject({ path: '/cgi-bin/token' });
    expect(Object.fromEntries(received[0]!.query)).toEqual({ grant_type: 'client_credential', appid: config.appId, secret: 'SECRET' });
    expect(received[1]!.path).toBe('/cgi-bin/message/custom/send');
    expect(received[1]!.query.get('access_token')).toBe('TOKEN-1');
    const sent = JSON.parse(received[1]!.body) as { touser: string; msgtype: string; text: { content: string } };
    expect(sent).toMatchObject({ touser: 'oPushUser', msgtype: 'text' });
    expect(sent.text.content).toContain('城东区2017年做了什么？');
    expect(answerer.calls).toHaveLength(1);
  });
});

describe('a failed push', () => {
  it('keeps the answer for the user’s next message', async () => {
    const fake = await startFakeWechatApi();
    cleanups.push(() => void fake.close());
    fake.sendCodes.push(45015);
    const errors: unknown[] = [];
    const answerer = createFakeAnswerer({ delayMs: (question) => (question.includes('慢') ? 300 : 0) });
    const app = createWechatMpRoutes({
      answerer,
      config: { token: 'tok', appId: 'wx1', encodingAESKey: null, appSecret: 's' },
      // plainQuery signs at 1700000000 (seconds).
      now: () => 1_700_000_000_000,
      fetch: fake.fetch,
      replyDeadlineMs: 100,
      onPushError: (error) => errors.push(error),
    });
    const send = async (content: string) => app.request(`/?${plainQuery('tok')}`, { method: 'POST', body: textMessageXml({ from: 'oFail', content }) });
    expect(await (await send('一个慢问题')).text()).toBe('success');
    await expect.poll(() => errors.length, { timeout: 3000 }).toBe(1);
    expect(errors[0]).toMatchObject({ errcode: 45015 });
    const next = parseInboundMessage(await (await send('在吗')).text()).content;
    expect(next).toContain('关于「一个慢问题」');
    expect(next).not.toBe(WECHAT_TEXTS.slow);
    expect(answerer.calls).toHaveLength(1);
  });
});

describe('through a real server on a free port', () => {
  it('verifies the URL and holds a safe-mode conversation', async () => {
    const answerer = createFakeAnswerer();
    // The published vector was signed in 2014: the clock is set there first, then to the helpers' moment.
    let clock = 1_409_735_669_000;
    const app = createWechatMpRoutes({ answerer, config, now: () => clock });
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    cleanups.push(() => server.close());
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    const timestamp = '1409735669';
    // Not the published message's nonce: a nonce is good for one request, URL checks included.
    const nonce = '1320562133';
    const check = await fetch(`${base}/?${new URLSearchParams({ signature: computeSignature(config.token, timestamp, nonce), timestamp, nonce, echostr: '123abc' })}`);
    expect(await check.text()).toBe('123abc');

    const item = v1.cases.find((entry) => entry.kind === 'decrypt')!;
    const published = await fetch(
      `${base}/?${new URLSearchParams({ signature: computeSignature(config.token, item.timestamp, item.nonce), timestamp: item.timestamp, nonce: item.nonce, encrypt_type: 'aes', msg_signature: item.msg_signature! })}`,
      { method: 'POST', body: `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><Encrypt><![CDATA[${item.encrypt}]]></Encrypt></xml>` },
    );
    expect(readEncryptedReply(keys, await published.text()).content).toContain('abcdteT');

    clock = 1_700_000_000_000;
    const own = safeModeRequest(keys, textMessageXml({ content: '西宁市2022年法治宣传？' }));
    const reply = await fetch(`${base}/?${own.query}`, { method: 'POST', body: own.body });
    expect(readEncryptedReply(keys, await reply.text()).content).toContain('西宁市2022年法治宣传？');
    expect(answerer.calls).toHaveLength(2);
  });
});
