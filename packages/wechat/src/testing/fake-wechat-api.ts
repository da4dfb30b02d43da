// A loopback fake of api.weixin.qq.com (access_token and customer-service send), for push tests.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeWechatApi {
  /** A fetch that sends https://api.weixin.qq.com calls to the fake. */
  fetch: typeof fetch;
  requests: { path: string; token: string | null; body: string }[];
  /** errcode answered by the next custom/send calls, in order (then 0). */
  sendCodes: number[];
  /** access_tokens handed out so far (TOKEN-1, TOKEN-2, …). */
  tokenCount(): number;
  close(): Promise<void>;
}

export async function startFakeWechatApi(): Promise<FakeWechatApi> {
  const requests: FakeWechatApi['requests'] = [];
  const sendCodes: number[] = [];
  let tokens = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake');
      requests.push({ path: url.pathname, token: url.searchParams.get('access_token'), body });
      response.setHeader('content-type', 'application/json');
      if (url.pathname === '/cgi-bin/token') {
        tokens += 1;
        response.end(JSON.stringify({ access_token: `TOKEN-${tokens}`, expires_in: 7200 }));
      } else {
        const errcode = sendCodes.shift() ?? 0;
        response.end(JSON.stringify({ errcode, errmsg: errcode === 0 ? 'ok' : 'error' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    fetch: (input, init) => fetch(String(input).replace('https://api.weixin.qq.com', origin), init),
    requests,
    sendCodes,
    tokenCount: () => tokens,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
