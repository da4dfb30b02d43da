// /wechat/work through HTTP: the published WeCom vectors, wechatpy's vectors, forged requests, encrypted replies.
import { describe, expect, it } from 'vitest';
import { computeSignature, WECHAT_TEXTS } from '@report-qa/wechat';
import { createFakeAnswerer } from '@report-qa/answer/testing';
import { readEncryptedReply, safeModeRequest, textMessageXml } from '@report-qa/wechat/testing';
import { changeOne, testVectors as wechatVectors } from '@report-qa/wechat/testing';
import { createWecomRoutes } from './wecom.js';

const v2 = wechatVectors.find((set) => set.id === 'V2')!;
const config = { token: v2.token!, corpId: v2.receiveId!, encodingAESKey: v2.encodingAESKey! };
const keys = { token: config.token, encodingAESKey: config.encodingAESKey, receiveId: config.corpId };
const verify = v2.cases.find((item) => item.kind === 'verify_url')!;
const message = v2.cases.find((item) => item.kind === 'decrypt')!;

const verifyUrl = (overrides: Record<string, string> = {}) =>
  `/?${new URLSearchParams({ msg_signature: verify.msg_signature!, timestamp: verify.timestamp, nonce: verify.nonce, echostr: verify.echostr!, ...overrides })}`;
const messageUrl = (overrides: Record<string, string> = {}) =>
  `/?${new URLSearchParams({ msg_signature: message.msg_signature!, timestamp: message.timestamp, nonce: message.nonce, ...overrides })}`;
const envelope = (encrypt: string) =>
  `<xml><ToUserName><![CDATA[${config.corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>`;
const post = async (app: ReturnType<typeof createWecomRoutes>, url: string, body: string): Promise<Response> => app.request(url, { method: 'POST', body });
/** The route's clock set to a moment (seconds, as WeCom's timestamps): the published vectors were signed years ago. */
const clockAt = (seconds: string | number) => () => Number(seconds) * 1000;

describe('GET /wechat/work URL verification (V2)', () => {
  it('returns the bare decrypted echostr', async () => {
    const response = await createWecomRoutes({ answerer: createFakeAnswerer(), config, now: clockAt(verify.timestamp) }).request(verifyUrl());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(verify.expected_plaintext);
  });

  it('accepts an echostr whose "+" arrived unencoded (as a space)', async () => {
    const raw = `/?msg_signature=${verify.msg_signature}&timestamp=${verify.timestamp}&nonce=${verify.nonce}&echostr=${verify.echostr}`;
    expect(await (await createWecomRoutes({ answerer: createFakeAnswerer(), config, now: clockAt(verify.timestamp) }).request(raw)).text()).toBe(verify.expected_plaintext);
  });

  it.each([
    ['timestamp', { timestamp: changeOne(verify.timestamp) }],
    ['nonce', { nonce: changeOne(verify.nonce) }],
    ['msg_signature', { msg_signature: changeOne(verify.msg_signature!) }],
    ['echostr', { echostr: changeOne(verify.echostr!, 10) }],
  ])('refuses a one-character change of the %s', async (_name, overrides) => {
    expect((await createWecomRoutes({ answerer: createFakeAnswerer(), config, now: clockAt(verify.timestamp) }).request(verifyUrl(overrides))).status).toBe(403);
  });

  it('refuses a wrong token or corpid', async () => {
    for (const wrong of [{ ...config, token: changeOne(config.token) }, { ...config, corpId: changeOne(config.corpId) }]) {
      const response = await createWecomRoutes({ answerer: createFakeAnswerer(), config: wrong, now: clockAt(verify.timestamp) }).request(verifyUrl());
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain(verify.expected_plaintext!);
    }
  });
});

describe('POST /wechat/work (V2 message)', () => {
  it('decrypts the published message and sends an encrypted reply that keeps the AgentID', async () => {
    const answerer = createFakeAnswerer();
    const app = createWecomRoutes({ answerer, config, now: clockAt(1_409_659_900) });
    const response = await post(app, messageUrl(), envelope(message.encrypt!));
    expect(response.status).toBe(200);
    const reply = readEncryptedReply(keys, await response.text());
    expect(answerer.calls.map((call) => call.question)).toEqual(['hello']);
    expect(reply).toMatchObject({ toUserName: 'mycreate', fromUserName: config.corpId, agentId: '218', msgType: 'text', createTime: '1409659900' });
    expect(reply.content).toContain('关于「hello」');
  });

  it.each([
    ['timestamp', () => post(app(), messageUrl({ timestamp: changeOne(message.timestamp) }), envelope(message.encrypt!))],
    ['nonce', () => post(app(), messageUrl({ nonce: changeOne(message.nonce) }), envelope(message.encrypt!))],
    ['msg_signature', () => post(app(), messageUrl({ msg_signature: changeOne(message.msg_signature!) }), envelope(message.encrypt!))],
    ['ciphertext', () => post(app(), messageUrl(), envelope(changeOne(message.encrypt!, 20)))],
    ['token', () => post(app({ token: changeOne(config.token) }), messageUrl(), envelope(message.encrypt!))],
    ['corpid', () => post(app({ corpId: changeOne(config.corpId) }), messageUrl(), envelope(message.encrypt!))],
  ])('refuses a one-character change of the %s without computing an answer', async (_name, send) => {
    const response = await send();
    expect(response.status).toBe(403);
    expect(lastAnswerer.calls).toHaveLength(0);
  });

  it('refuses hostile XML without computing an answer', async () => {
    const answerer = createFakeAnswerer();
    const routes = createWecomRoutes({ answerer, config, now: clockAt(message.timestamp) });
    const bomb = '<!DOCTYPE x [<!ENTITY a "a">]><xml><Encrypt>&a;</Encrypt></xml>';
    expect((await post(routes, messageUrl(), bomb)).status).toBe(400);
    expect((await post(routes, messageUrl(), `<xml><Encrypt>${'A'.repeat(70_000)}</Encrypt></xml>`)).status).toBe(413);
    expect(answerer.calls).toHaveLength(0);
  });

  it('holds a conversation: own encrypted messages in, decrypted replies out, retries answered once', async () => {
    const answerer = createFakeAnswerer({ delayMs: (question) => (question.includes('慢') ? 400 : 0) });
    const routes = createWecomRoutes({ answerer, config, now: clockAt(1_700_000_000), replyDeadlineMs: 150 });
    const ask = async (xml: string, timestamp: string) => {
      const request = safeModeRequest(keys, xml, timestamp, '99');
      const url = `/?${new URLSearchParams({ msg_signature: new URLSearchParams(request.query).get('msg_signature')!, timestamp, nonce: '99' })}`;
      const response = await post(routes, url, request.body);
      const body = await response.text();
      return body === '' ? null : readEncryptedReply(keys, body).content;
    };
    const agentMessage = (content: string, msgId: string) =>
      textMessageXml({ from: 'zhangsan', to: config.corpId, content, msgId }).replace('</xml>', '<AgentID>1000002</AgentID></xml>');
    expect(await ask(agentMessage('城东区执法情况？', '100000000000000001'), '1700000001')).toContain('城东区执法情况？');
    const slow = agentMessage('一个慢问题', '100000000000000002');
    expect(await ask(slow, '1700000002')).toBe(WECHAT_TEXTS.slow);
    await new Promise((resolve) => setTimeout(resolve, 400));
    // WeCom retries the same message: the stored answer, not a new computation.
    expect(await ask(slow, '1700000003')).toContain('一个慢问题');
    expect(answerer.calls.map((call) => call.question)).toEqual(['城东区执法情况？', '一个慢问题']);
  });
});

describe('replays (issue 11, item 5)', () => {
  it('refuses the published message and URL check, signed in 2014, on today’s clock', async () => {
    const answerer = createFakeAnswerer();
    const routes = createWecomRoutes({ answerer, config });
    expect((await post(routes, messageUrl(), envelope(message.encrypt!))).status).toBe(403);
    expect((await routes.request(verifyUrl())).status).toBe(403);
    expect(answerer.calls).toHaveLength(0);
  });

  it('refuses a nonce used again with another message, and answers a redelivery of the same one once', async () => {
    const answerer = createFakeAnswerer();
    const routes = createWecomRoutes({ answerer, config, now: clockAt(1_700_000_000) });
    const send = async (content: string, nonce: string) => {
      const request = safeModeRequest(keys, textMessageXml({ from: 'lisi', to: config.corpId, content }), '1700000000', nonce);
      const url = `/?${new URLSearchParams({ msg_signature: new URLSearchParams(request.query).get('msg_signature')!, timestamp: '1700000000', nonce })}`;
      return { url, body: request.body };
    };
    const first = await send('城东区执法情况？', '5150');
    expect((await post(routes, first.url, first.body)).status).toBe(200);
    expect((await post(routes, first.url, first.body)).status).toBe(200);
    const forged = await send('另一个问题', '5150');
    expect((await post(routes, forged.url, forged.body)).status).toBe(403);
    expect(answerer.calls.map((call) => call.question)).toEqual(['城东区执法情况？']);
  });
});

// wechatpy/wechatpy tests/test_crypto.py: WeCom values published by another implementation, through the endpoint.
describe('wechatpy WeCom vectors through /wechat/work', () => {
  const wechatpy = { token: '123456', encodingAESKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', corpId: 'wx49f0ab532d5d035a' };

  it('verifies the URL and refuses the changed nonce', async () => {
    const routes = createWecomRoutes({ answerer: createFakeAnswerer(), config: wechatpy, now: clockAt(1_411_443_780) });
    const echostr = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==';
    const url = (nonce: string) => `/?${new URLSearchParams({ msg_signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', timestamp: '1411443780', nonce, echostr })}`;
    const ok = await routes.request(url('437374425'));
    expect(ok.status).toBe(200);
    expect((await ok.text()).length).toBeGreaterThan(0);
    expect((await routes.request(url('437374424'))).status).toBe(403);
  });

  it('answers the published message', async () => {
    const answerer = createFakeAnswerer();
    const routes = createWecomRoutes({ answerer, config: wechatpy, now: clockAt(1_411_525_903) });
    const encrypt =
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=';
    expect(computeSignature(wechatpy.token, '1411525903', '461056294', encrypt)).toBe('74d92dfeb87ba7c714f89d98870ae5eb62dff26d');
    const response = await post(
      routes,
      `/?${new URLSearchParams({ msg_signature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d', timestamp: '1411525903', nonce: '461056294' })}`,
      `<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<Encrypt><![CDATA[${encrypt}]]></Encrypt>\n<AgentID><![CDATA[1]]></AgentID>\n</xml>`,
    );
    const reply = readEncryptedReply({ token: wechatpy.token, encodingAESKey: wechatpy.encodingAESKey, receiveId: wechatpy.corpId }, await response.text());
    expect(answerer.calls.map((call) => call.question)).toEqual(['test']);
    expect(reply).toMatchObject({ toUserName: 'messense', agentId: '1' });
  });
});

let lastAnswerer = createFakeAnswerer();
function app(overrides: Partial<typeof config> = {}) {
  lastAnswerer = createFakeAnswerer();
  return createWecomRoutes({ answerer: lastAnswerer, config: { ...config, ...overrides }, now: clockAt(message.timestamp) });
}
