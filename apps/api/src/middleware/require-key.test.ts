// requireKey and rateLimit on a small Hono app, with the client address given as node-server's connection bindings.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { toUserError } from './to-user-error.js';
import { rateLimit } from './rate-limit.js';
import { requireKey } from './require-key.js';

/** What @hono/node-server passes as c.env: getConnInfo reads the socket's remote address from it. */
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress, remotePort: 40000, remoteFamily: remoteAddress.includes(':') ? 'IPv6' : 'IPv4' } } });

function guardedApp(keys: string[]) {
  const app = new Hono();
  app.post('/write', requireKey({ keys, allowLoopbackWithoutKeys: true }), (c) => c.json({ ok: true }));
  app.onError((error, c) => {
    const { status, body } = toUserError(error);
    return c.json(body, status);
  });
  return app;
}

describe('requireKey without configured keys', () => {
  const app = guardedApp([]);

  it.each(['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1'])('lets the loopback client %s write', async (address) => {
    expect((await app.request('/write', { method: 'POST' }, from(address))).status).toBe(200);
  });

  it.each(['203.0.113.7', '10.0.0.2', '::ffff:192.168.1.20', '2001:db8::1', '128.0.0.1'])('refuses %s with 403 and a Chinese message', async (address) => {
    const response = await app.request('/write', { method: 'POST', headers: { authorization: 'Bearer anything' } }, from(address));
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('WRITE_DISABLED');
    expect(body.error.message).toContain('API_KEYS');
  });
});

describe('requireKey with keys', () => {
  const app = guardedApp(['sk-one', 'sk-two']);

  it('accepts either key from any address', async () => {
    for (const key of ['sk-one', 'sk-two']) {
      expect((await app.request('/write', { method: 'POST', headers: { authorization: `Bearer ${key}` } }, from('203.0.113.7'))).status).toBe(200);
    }
  });

  it.each([
    ['no header', {}],
    ['a wrong key', { authorization: 'Bearer sk-three' }],
    ['a key prefix', { authorization: 'Bearer sk-on' }],
    ['no Bearer scheme', { authorization: 'sk-one' }],
  ])('refuses %s with 401, loopback included', async (_name, headers: Record<string, string>) => {
    const response = await app.request('/write', { method: 'POST', headers }, from('127.0.0.1'));
    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('UNAUTHORIZED');
  });
});

describe('rateLimit', () => {
  function limitedApp(keys: string[]) {
    const app = new Hono();
    app.post('/ask', rateLimit({ perMinute: 2, keys }), (c) => c.json({ ok: true }));
    return app;
  }
  const ask = (app: Hono, address: string, key?: string) =>
    app.request('/ask', { method: 'POST', headers: key ? { authorization: `Bearer ${key}` } : {} }, from(address));

  it('counts each client address on its own, with Retry-After and a Chinese message on 429', async () => {
    const app = limitedApp([]);
    expect((await ask(app, '203.0.113.1')).status).toBe(200);
    expect((await ask(app, '203.0.113.1')).status).toBe(200);
    const limited = await ask(app, '203.0.113.1');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await limited.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringContaining('请求过于频繁') });
    expect((await ask(app, '203.0.113.2')).status).toBe(200);
  });

  it('gives each valid key its own budget wherever it comes from', async () => {
    const app = limitedApp(['sk-a', 'sk-b']);
    expect((await ask(app, '203.0.113.1', 'sk-a')).status).toBe(200);
    expect((await ask(app, '203.0.113.2', 'sk-a')).status).toBe(200);
    expect((await ask(app, '203.0.113.3', 'sk-a')).status).toBe(429);
    expect((await ask(app, '203.0.113.3', 'sk-b')).status).toBe(200);
  });

  it('counts made-up keys against the client address', async () => {
    const app = limitedApp(['sk-a']);
    expect((await ask(app, '203.0.113.9', 'made-up-1')).status).toBe(200);
    expect((await ask(app, '203.0.113.9', 'made-up-2')).status).toBe(200);
    expect((await ask(app, '203.0.113.9', 'made-up-3')).status).toBe(429);
    expect((await ask(app, '203.0.113.9')).status).toBe(429);
  });

  it('is off at 0 per minute', async () => {
    const app = new Hono();
    app.post('/ask', rateLimit({ perMinute: 0 }), (c) => c.json({ ok: true }));
    for (let n = 0; n < 5; n += 1) expect((await app.request('/ask', { method: 'POST' }, from('203.0.113.1'))).status).toBe(200);
  });
});
