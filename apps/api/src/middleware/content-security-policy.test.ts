// The policy each page gets: self only for the web app and the API, plus data: images for the Swagger UI page.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { APP_CONTENT_SECURITY_POLICY, DOCS_CONTENT_SECURITY_POLICY, contentSecurityPolicy } from './content-security-policy.js';

const app = new Hono();
app.use(contentSecurityPolicy());
app.get('/', (c) => c.html('<!doctype html><script type="module" src="/assets/index.js"></script>'));
app.get('/api/docs', (c) => c.html('<!doctype html>'));
app.get('/api/docs/init.js', (c) => c.body('', 200, { 'content-type': 'text/javascript' }));
app.get('/api/health', (c) => c.json({ ok: true }));
app.get('/own', (c) => c.body('', 200, { 'content-security-policy': "default-src 'none'" }));

const policyOf = async (path: string) => (await app.request(path)).headers.get('content-security-policy');

describe('contentSecurityPolicy', () => {
  it('gives the web app and the API a self-only policy without inline script or style', async () => {
    for (const path of ['/', '/api/health']) expect(await policyOf(path)).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(APP_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(APP_CONTENT_SECURITY_POLICY).toContain("style-src 'self'");
    expect(APP_CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(APP_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|data:|\*/);
  });

  it('gives the docs pages their own policy: data: images only on top', async () => {
    for (const path of ['/api/docs', '/api/docs/init.js']) expect(await policyOf(path)).toBe(DOCS_CONTENT_SECURITY_POLICY);
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("img-src 'self' data:");
    expect(DOCS_CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(DOCS_CONTENT_SECURITY_POLICY).not.toContain('unsafe-');
  });

  it('keeps a policy a route set itself', async () => {
    expect(await policyOf('/own')).toBe("default-src 'none'");
  });
});
