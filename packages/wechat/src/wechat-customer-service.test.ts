// The customer-service push against a loopback fake of api.weixin.qq.com: token caching, renewal, failures.
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeWechatApi, type FakeWechatApi } from './testing/fake-wechat-api.js';
import { createWechatCustomerService, WechatApiError } from './wechat-customer-service.js';

const fakes: FakeWechatApi[] = [];
afterEach(async () => {
  for (const fake of fakes.splice(0)) await fake.close();
});

async function fakeWechat(): Promise<FakeWechatApi> {
  const fake = await startFakeWechatApi();
  fakes.push(fake);
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
