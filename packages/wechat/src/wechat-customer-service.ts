// Pushing a late answer through the WeChat customer-service message API (verified accounts only).
import { z } from 'zod';

const tokenSchema = z.union([
  z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() }),
  z.object({ errcode: z.number(), errmsg: z.string().optional() }),
]);
const sendSchema = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() });

export const WECHAT_API_BASE = 'https://api.weixin.qq.com';

export class WechatApiError extends Error {
  override name = 'WechatApiError';
  constructor(
    readonly errcode: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface WechatCustomerServiceOptions {
  appId: string;
  appSecret: string;
  fetch?: typeof fetch;
  now?: () => number;
}

export interface WechatCustomerService {
  sendText(openId: string, content: string): Promise<void>;
}

// 40001: invalid credential, 40014: invalid token, 42001: token expired: fetch a new token once and retry.
const staleTokenCodes = new Set([40001, 40014, 42001]);

export function createWechatCustomerService({ appId, appSecret, fetch: fetchImpl = fetch, now = Date.now }: WechatCustomerServiceOptions): WechatCustomerService {
  let cached: { token: string; expiresAt: number } | null = null;

  async function accessToken(refresh: boolean): Promise<string> {
    if (!refresh && cached && cached.expiresAt > now()) return cached.token;
    const url = new URL('/cgi-bin/token', WECHAT_API_BASE);
    url.search = new URLSearchParams({ grant_type: 'client_credential', appid: appId, secret: appSecret }).toString();
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(10_000) });
    const body = tokenSchema.parse(await response.json());
    if (!('access_token' in body)) throw new WechatApiError(body.errcode, `access_token request failed: ${body.errmsg ?? body.errcode}`);
    // Renew five minutes early so a token never expires between check and use.
    cached = { token: body.access_token, expiresAt: now() + Math.max(60, body.expires_in - 300) * 1000 };
    return cached.token;
  }

  async function send(openId: string, content: string, refresh: boolean): Promise<number> {
    const url = new URL('/cgi-bin/message/custom/send', WECHAT_API_BASE);
    url.searchParams.set('access_token', await accessToken(refresh));
    const response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ touser: openId, msgtype: 'text', text: { content } }),
      signal: AbortSignal.timeout(10_000),
    });
    return sendSchema.parse(await response.json()).errcode ?? 0;
  }

  return {
    async sendText(openId, content) {
      let code = await send(openId, content, false);
      if (staleTokenCodes.has(code)) code = await send(openId, content, true);
      if (code !== 0) throw new WechatApiError(code, `custom message send failed: errcode ${code}`);
    },
  };
}
