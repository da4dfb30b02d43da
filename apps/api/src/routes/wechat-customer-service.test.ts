// The customer-service push against a loopback fake of api.weixin.qq.com: token caching, renewal, failures.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseInboundMessage } from '@report-qa/wechat';
import { WECHAT_TEXTS } from './wechat-conversation.js';
import { createWechatCustomerService, WechatApiError } from './wechat-customer-service.js';
import { createWechatMpRoutes } from './wechat-mp.js';
import { createFakeAnswerer } from '@report-qa/answer/testing';
import { plainQuery, textMessageXml } from '@report-qa/wechat/testing';

interface FakeWechat {
  fetch: typeof fetch;
  requests: { path: string; token: string | null; body: string }[];
  /** errcode answered by the next custom/send calls, in order (then 0). */
  sendCodes: number[];
  tokenCount: () => number;
}

const servers: Server[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

async function fakeWechat(): Promise<FakeWechat> {
  const fake: FakeWechat = { fetch, requests: [], sendCodes: [], tokenCount: () => 0 };
  let tokens = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      fake.requests.push({ path: url.pathname, token: url.searchParams.get('access_token'), body });
      response.setHeader('content-type', 'application/json');
      if (url.pathname === '/cgi-bin/token') {
        tokens += 1;
        response.end(JSON.stringify({ access_token: `TOKEN-${tokens}`, expires_in: 7200 }));
      } else {
        const errcode = fake.sendCodes.shift() ?? 0;
        response.end(JSON.stringify({ errcode, errmsg: errcode === 0 ? 'ok' : 'error' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.fetch = (input, init) => fetch(String(input).replace('https://api.weixin.qq.com', origin), init);
  fake.tokenCount = () => tokens;
  return fake;
}

describe('createWechatCustomerService', () => {
  it('reuses the access_token until it expires', async () => {
    const fake = await fakeWechat();
    let now = 0;
    const service = createWechatCustomerService({ appId: 'wx1', appSecret: 's', fetch: fake.fetch, now: () => now });
    await service.sendText('u1', '一');
    await service.sendText('u1', '二');
    expect(fake.tokenCount()).toBe(1);
    now += 7200_000;
    await service.sendText('u1', '三');
    expect(fake.tokenCount()).toBe(2);
    expect(fake.requests.filter((request) => request.path === '/cgi-bin/message/custom/send').map((request) => request.token)).toEqual(['TOKEN-1', 'TOKEN-1', 'TOKEN-2']);
  });

  it('renews a token WeChat says has expired, once', async () => {
    const fake = await fakeWechat();
    fake.sendCodes.push(42001);
    const service = createWechatCustomerService({ appId: 'wx1', appSecret: 's', fetch: fake.fetch });
    await service.sendText('u1', '答案');
    expect(fake.requests.map((request) => `${request.path}:${request.token ?? ''}`)).toEqual([
      '/cgi-bin/token:',
      '/cgi-bin/message/custom/send:TOKEN-1',
      '/cgi-bin/token:',
      '/cgi-bin/message/custom/send:TOKEN-2',
    ]);
  });

  it('throws WechatApiError with the errcode (e.g. 45047: outside the 48-hour window)', async () => {
    const fake = await fakeWechat();
    fake.sendCodes.push(45047);
    const service = createWechatCustomerService({ appId: 'wx1', appSecret: 's', fetch: fake.fetch });
    const error: unknown = await service.sendText('u1', '答案').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(WechatApiError);
    expect(error).toMatchObject({ errcode: 45047 });
    await expect(service.sendText('u1', '答案')).resolves.toBeUndefined();
  });
});

describe('a failed push', () => {
  it('keeps the answer for the user’s next message', async () => {
    const fake = await fakeWechat();
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
    const post = async (content: string) => app.request(`/?${plainQuery('tok')}`, { method: 'POST', body: textMessageXml({ from: 'oFail', content }) });
    expect(await (await post('一个慢问题')).text()).toBe('success');
    await expect.poll(() => errors.length, { timeout: 3000 }).toBe(1);
    expect(errors[0]).toMatchObject({ errcode: 45015 });
    const next = parseInboundMessage(await (await post('在吗')).text()).content;
    expect(next).toContain('关于「一个慢问题」');
    expect(next).not.toBe(WECHAT_TEXTS.slow);
    expect(answerer.calls).toHaveLength(1);
  });
});
