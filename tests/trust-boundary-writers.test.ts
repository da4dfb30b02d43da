// Issue 11, writers: who may change the library on the real server, start-up refusals, CSP in a real browser, and 4xx where 500s were.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthSchema } from '@report-qa/schema';
import { makeVariant } from './support/library-fixtures.js';
import { repositoryRoot, reportsDir, startServer, type RunningServer } from './support/start-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'report-qa-writers-'));
let server: RunningServer;

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with exactly these headers (fetch would not let us set Host, Origin or Sec-Fetch-Site), as curl sends it. */
function raw(method: string, path: string, headers: Record<string, string>, body?: Buffer | string): Promise<RawResponse> {
  const url = new URL(path, server.url);
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, path: url.pathname + url.search, method, headers, setHost: !('host' in headers) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** A multipart/form-data body with one file in the field `files`, as `curl -F files=@name` builds it. */
function multipart(name: string, content: string): { body: Buffer; contentType: string } {
  const boundary = '------------------------report-qa-e2e';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

function expectError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toContain('application/json');
  const body = JSON.parse(response.body) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  return body.error.message;
}

const documentCount = async () => healthSchema.parse(await (await fetch(`${server.url}/api/health`)).json()).documents;
const uploads = () => (existsSync(join(dataDir, 'uploads')) ? readdirSync(join(dataDir, 'uploads')) : []);

beforeAll(async () => {
  // No API_KEYS: the keyless install the issue probed.
  server = await startServer({ indexDir: join(dataDir, 'index'), env: { DATA_DIR: dataDir, EMBEDDING_PROVIDER: 'none' } });
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('keyless install: writes only from the app’s own origin (item 4)', () => {
  const port = () => new URL(server.url).port;
  const variant = makeVariant({ region: '白银市', year: 2021, reviews: 71, lawsuits: 52 });

  it('refuses the issue’s cross-site upload with 403 and says what to do; nothing is added', async () => {
    const before = await documentCount();
    const { body, contentType } = multipart('x.txt', variant.text);
    const response = await raw('POST', '/api/documents', { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', host: `evil.example:${port()}`, 'content-type': contentType }, body);
    const message = expectError(response, 403, 'HOST_NOT_ALLOWED');
    expect(message).toContain('API_KEYS');
    expect(await documentCount()).toBe(before);
    expect(uploads()).toEqual([]);
  });

  it('refuses a cross-site page posting to 127.0.0.1 (CSRF) and a rebinding name, for upload, reindex and delete', async () => {
    const { body, contentType } = multipart('x.txt', variant.text);
    const list = (await (await fetch(`${server.url}/api/documents`)).json()) as { id: string }[];
    const id = list[0]!.id;
    const crossSite = { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site', host: `127.0.0.1:${port()}` };
    const rebinding = { origin: `http://rebind.evil.example:${port()}`, 'sec-fetch-site': 'same-origin', host: `rebind.evil.example:${port()}` };
    expectError(await raw('POST', '/api/documents', { ...crossSite, 'content-type': contentType }, body), 403, 'CROSS_SITE_WRITE');
    expectError(await raw('POST', `/api/documents/${id}/reindex`, crossSite), 403, 'CROSS_SITE_WRITE');
    expectError(await raw('DELETE', `/api/documents/${id}`, crossSite), 403, 'CROSS_SITE_WRITE');
    expectError(await raw('POST', `/api/documents/${id}/reindex`, rebinding), 403, 'HOST_NOT_ALLOWED');
    expectError(await raw('DELETE', `/api/documents/${id}`, { host: `127.0.0.1:${port()}`, 'x-forwarded-for': '203.0.113.9' }), 403, 'WRITE_DISABLED');
    expect((await fetch(`${server.url}/api/documents/${id}`)).status).toBe(200);
  });

  it('still accepts the app’s own page and a local curl', async () => {
    const before = await documentCount();
    const { body, contentType } = multipart('白银.txt', variant.text);
    const own = await raw('POST', '/api/documents', { origin: `http://localhost:${port()}`, 'sec-fetch-site': 'same-origin', host: `localhost:${port()}`, 'content-type': contentType }, body);
    expect(own.status, own.body).toBe(201);
    const id = (JSON.parse(own.body) as { documents: { document: { id: string } }[] }).documents[0]!.document.id;
    // curl on this machine: no Origin, no Sec-Fetch-Site.
    expect((await raw('POST', `/api/documents/${id}/reindex`, { host: `127.0.0.1:${port()}` })).status).toBe(200);
    expect((await raw('DELETE', `/api/documents/${id}`, { host: `127.0.0.1:${port()}` })).status).toBe(200);
    expect(await documentCount()).toBe(before);
  });
});

describe('Content-Security-Policy (item 4)', () => {
  it('sends self-only policies, and the built web app and the API docs run under them without a violation', async () => {
    const page = await fetch(`${server.url}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    const docsPolicy = (await fetch(`${server.url}/api/docs`)).headers.get('content-security-policy') ?? '';
    expect(docsPolicy).toContain("script-src 'self';");
    expect(docsPolicy).not.toContain('unsafe-');

    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    try {
      const context = await browser.newContext();
      const tab = await context.newPage();
      const violations: string[] = [];
      tab.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await tab.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`));
      });
      await tab.goto(`${server.url}/`);
      await tab.locator('textarea, input[type="text"]').first().waitFor({ timeout: 30_000 });
      await tab.goto(`${server.url}/api/docs`);
      await tab.locator('.swagger-ui .info .title').waitFor({ timeout: 30_000 });
      expect(await tab.locator('.swagger-ui .opblock').count()).toBeGreaterThan(5);
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('errors that were 500s (item 9)', () => {
  it('stores a file named with 84 Chinese characters under a shortened, readable name (was 500 ENAMETOOLONG)', async () => {
    const variant = makeVariant({ region: '金昌市', year: 2022, reviews: 58, lawsuits: 33 });
    const name = `${'海东市人民政府关于二〇二〇年度法治政府建设工作情况的报告'.repeat(3)}.txt`;
    const { body, contentType } = multipart(name, variant.text);
    const response = await raw('POST', '/api/documents', { host: `127.0.0.1:${new URL(server.url).port}`, 'content-type': contentType }, body);
    expect(response.status, response.body).toBe(201);
    const source = (JSON.parse(response.body) as { documents: { source: string }[] }).documents[0]!.source;
    expect(source.startsWith('海东市人民政府关于二〇二〇年度法治政府建设工作情况的报告')).toBe(true);
    expect(source.endsWith('….txt')).toBe(true);
    expect(Buffer.byteLength(source)).toBeLessThanOrEqual(200);
    expect(uploads()).toContain(source);
  });

  it('answers a malformed multipart body with 400 and a message (was 500)', async () => {
    const host = { host: `127.0.0.1:${new URL(server.url).port}` };
    const broken = await raw('POST', '/api/documents', { ...host, 'content-type': 'multipart/form-data; boundary=xyz' }, '--abc\r\nnot a part\r\n');
    expect(expectError(broken, 400, 'INVALID_MULTIPART')).toContain('files');
    const noBoundary = await raw('POST', '/api/documents', { ...host, 'content-type': 'multipart/form-data' }, 'files=1');
    expectError(noBoundary, 400, 'INVALID_MULTIPART');
    // The server is still fine.
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('answers an unknown /v1 path with an OpenAI-shaped JSON 404 (was the web page, 200)', async () => {
    for (const path of ['/v1/embeddings', '/v1/chat/completion', '/v1/models/x/y']) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
      const body = (await response.json()) as { error: { message: string; type: string; code: string; param: null } };
      expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'NOT_FOUND', param: null });
      expect(body.error.message).toContain('/v1/chat/completions');
    }
    // The web app still owns every other path.
    const app = await fetch(`${server.url}/library`);
    expect(app.status).toBe(200);
    expect(app.headers.get('content-type')).toContain('text/html');
  });
});

describe('READ_REQUIRES_KEY (item 6)', () => {
  it('stops at start-up without API_KEYS, naming both variables', () => {
    const result = spawnSync(process.execPath, [join(repositoryRoot, 'apps/api/dist/main.js'), 'serve', '--port', '0'], {
      cwd: repositoryRoot,
      env: { ...process.env, READ_REQUIRES_KEY: '1', API_KEYS: '', DATA_DIR: dataDir, REPORTS_DIR: reportsDir, EMBEDDING_PROVIDER: 'none', LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('READ_REQUIRES_KEY');
    expect(result.stderr).toContain('API_KEYS');
    expect(result.stdout).not.toContain('listening');
  });

  it('with keys, closes /v1 as well as /api to clients without a key', async () => {
    const closed = await startServer({
      indexDir: join(dataDir, 'index'),
      env: { DATA_DIR: dataDir, EMBEDDING_PROVIDER: 'none', API_KEYS: 'sk-read', READ_REQUIRES_KEY: '1' },
    });
    try {
      const chat = (headers: Record<string, string>) =>
        fetch(`${closed.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ model: 'report-qa', messages: [{ role: 'user', content: '海东市2020年收到多少件行政复议申请？' }] }),
        });
      expect((await fetch(`${closed.url}/v1/models`)).status).toBe(401);
      expect((await chat({})).status).toBe(401);
      expect((await fetch(`${closed.url}/api/documents`)).status).toBe(401);
      expect((await fetch(`${closed.url}/v1/models`, { headers: { authorization: 'Bearer sk-read' } })).status).toBe(200);
      expect((await chat({ authorization: 'Bearer sk-read' })).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});
