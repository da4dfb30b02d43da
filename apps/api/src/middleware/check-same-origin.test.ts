// Keyless writes from a loopback client: only the app's own origin on a local host name may change the library.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { toUserError } from './to-user-error.js';
import { isLoopbackHostName } from './check-same-origin.js';
import { requireKey } from './require-key.js';

/** What @hono/node-server passes as c.env: the request comes from this machine. */
const loopbackClient = { incoming: { socket: { remoteAddress: '127.0.0.1', remotePort: 40000, remoteFamily: 'IPv4' } } };

function keylessApp(allowedHosts: string[] = []) {
  const app = new Hono();
  app.post('/api/documents', requireKey({ keys: [], allowLoopbackWithoutKeys: true, allowedHosts }), (c) => c.json({ ok: true }, 201));
  app.onError((error, c) => {
    const { status, body } = toUserError(error);
    return c.json(body, status);
  });
  return app;
}

const write = (app: Hono, headers: Record<string, string>) =>
  app.request('http://127.0.0.1:3000/api/documents', { method: 'POST', headers }, loopbackClient);

async function expectRefused(response: Response, code: string) {
  expect(response.status).toBe(403);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  // The message says what to do.
  expect(body.error.message).toMatch(/API_KEYS/);
  return body.error.message;
}

describe('keyless writes from a loopback client', () => {
  const app = keylessApp();

  it.each([
    ['curl (no Origin, no Sec-Fetch-Site)', { host: '127.0.0.1:3000' }],
    ['the app page at 127.0.0.1', { host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' }],
    ['the app page at localhost', { host: 'localhost:3000', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }],
    ['the app page at [::1]', { host: '[::1]:3000', origin: 'http://[::1]:3000', 'sec-fetch-site': 'same-origin' }],
    ['a Vite dev server proxying with its own host', { host: 'localhost:5173', origin: 'http://localhost:5173', 'sec-fetch-site': 'same-origin' }],
    ['a user-started request', { host: 'localhost:3000', 'sec-fetch-site': 'none' }],
  ])('accepts %s', async (_name, headers) => {
    expect((await write(app, headers)).status).toBe(201);
  });

  it('refuses the issue’s cross-site upload: another Origin, Sec-Fetch-Site cross-site, a foreign Host (issue 11, item 4)', async () => {
    const message = await expectRefused(await write(app, { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', host: 'evil.example:3000' }), 'HOST_NOT_ALLOWED');
    expect(message).toContain('evil.example:3000');
    expect(message).toContain('ALLOWED_HOSTS');
  });

  it.each([
    ['another site posting to 127.0.0.1', { host: '127.0.0.1:3000', origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['another local port (same-site, not same-origin)', { host: 'localhost:3000', origin: 'http://localhost:8080', 'sec-fetch-site': 'same-site' }],
    ['an opaque origin (sandboxed frame, data: page)', { host: '127.0.0.1:3000', origin: 'null' }],
    ['a cross-site fetch without Origin', { host: '127.0.0.1:3000', 'sec-fetch-site': 'cross-site' }],
    ['a non-web scheme', { host: '127.0.0.1:3000', origin: 'chrome-extension://abcdef' }],
  ])('refuses %s with 403 CROSS_SITE_WRITE', async (_name, headers) => {
    await expectRefused(await write(app, headers), 'CROSS_SITE_WRITE');
  });

  it('refuses a DNS-rebinding page: same origin, but under a name that is not local', async () => {
    await expectRefused(await write(app, { host: 'rebind.evil.example:3000', origin: 'http://rebind.evil.example:3000', 'sec-fetch-site': 'same-origin' }), 'HOST_NOT_ALLOWED');
    await expectRefused(await write(app, { host: '192.168.1.20:3000' }), 'HOST_NOT_ALLOWED');
  });

  it('refuses requests a reverse proxy forwarded, even from loopback', async () => {
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host']) {
      await expectRefused(await write(app, { host: '127.0.0.1:3000', [header]: '203.0.113.7' }), 'WRITE_DISABLED');
    }
  });

  it('accepts a host name listed in ALLOWED_HOSTS, with or without its port', async () => {
    const headers = { host: 'qa.intranet:3000', origin: 'http://qa.intranet:3000', 'sec-fetch-site': 'same-origin' };
    expect((await write(keylessApp(['qa.intranet']), headers)).status).toBe(201);
    expect((await write(keylessApp(['qa.intranet:3000']), headers)).status).toBe(201);
    await expectRefused(await write(keylessApp(['qa.intranet:8080']), headers), 'HOST_NOT_ALLOWED');
    // The allowed name still needs the request to come from its own page.
    await expectRefused(await write(keylessApp(['qa.intranet']), { ...headers, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' }), 'CROSS_SITE_WRITE');
  });

  it('leaves keyed installs to the key: a valid key writes from any origin', async () => {
    const keyed = new Hono();
    keyed.post('/w', requireKey({ keys: ['sk-1'], allowLoopbackWithoutKeys: true }), (c) => c.json({ ok: true }));
    const response = await keyed.request('/w', { method: 'POST', headers: { authorization: 'Bearer sk-1', origin: 'http://elsewhere.example', host: 'qa.example.org' } }, loopbackClient);
    expect(response.status).toBe(200);
  });
});

describe('isLoopbackHostName', () => {
  it('knows the names that always mean this machine', () => {
    for (const name of ['localhost', 'LOCALHOST', 'app.localhost', 'localhost.', '127.0.0.1', '127.1.2.3', '[::1]']) expect(isLoopbackHostName(name), name).toBe(true);
    for (const name of ['localhost.evil.example', 'evil.example', '128.0.0.1', '0.0.0.0', '[::]', '10.0.0.1', '127.0.0.1.nip.io']) expect(isLoopbackHostName(name), name).toBe(false);
  });
});
