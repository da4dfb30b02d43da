// Hostile uploads, API keys and rate limits against the built server: clean 4xx JSON errors in Chinese, nothing written outside uploads/, and the server keeps answering.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildZip, deflatedZeros, makePdfWithoutText, makeZipBomb } from '@report-qa/formats/testing';
import { healthSchema } from '@report-qa/schema';
import { makeVariant } from './support/library-fixtures.js';
import { startServer, type RunningServer } from './support/start-server.js';

const uploadKey = 'sk-library-upload';
const rateKeyA = 'sk-library-rate-a';
const rateKeyB = 'sk-library-rate-b';
const perMinute = 3;

const dataDir = mkdtempSync(join(tmpdir(), 'report-qa-hostile-'));
let server: RunningServer;

const request = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);
const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

function upload(name: string, bytes: Uint8Array, headers: Record<string, string> = bearer(uploadKey)) {
  const form = new FormData();
  form.append('files', new File([bytes], name));
  return request('/api/documents', { method: 'POST', body: form, headers });
}

/** A 4xx answer in the API's error shape with a Chinese message; returns the body. */
async function expectError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  return body.error;
}

async function expectStillServing(documents: number) {
  const health = healthSchema.parse(await (await request('/api/health')).json());
  expect(health.documents).toBe(documents);
}

function uploadsListing(): string[] {
  const dir = join(dataDir, 'uploads');
  return existsSync(dir) ? readdirSync(dir) : [];
}

let documents = 0;

beforeAll(async () => {
  server = await startServer({
    indexDir: join(dataDir, 'index'),
    env: {
      DATA_DIR: dataDir,
      EMBEDDING_PROVIDER: 'none',
      API_KEYS: [uploadKey, rateKeyA, rateKeyB].join(','),
      RATE_LIMIT_PER_MINUTE: String(perMinute),
    },
  });
  documents = healthSchema.parse(await (await request('/api/health')).json()).documents;
  expect(documents).toBe(5);
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('hostile uploads', () => {
  it('refuses a DOCX zip bomb that declares its size (1 GB of zeros in 7 MB)', async () => {
    const bomb = makeZipBomb(1024 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    await expectError(await upload('bomb.docx', bomb), 422, 'UNSAFE_FILE');
    await expectStillServing(documents);
  });

  it('refuses a DOCX zip bomb that lies about its size', async () => {
    const text = new TextEncoder().encode('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
    const liar = buildZip([
      { name: '[Content_Types].xml', data: text, method: 0, uncompressedSize: text.length },
      { name: 'word/document.xml', data: deflatedZeros(400 * 1024 * 1024), method: 8, uncompressedSize: 2048 },
    ]);
    const response = await upload('liar.docx', liar);
    expect([413, 422]).toContain(response.status);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(['UNSAFE_FILE', 'UNREADABLE_FILE', 'FILE_TOO_LARGE']).toContain(body.error.code);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    await expectStillServing(documents);
  });

  it('refuses a 50 MB file with 413 that the client actually receives (the rest of the body is read and dropped)', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const response = await upload('big.txt', big);
    expect(response.status).toBe(413);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toMatch(/TOO_LARGE/);
    expect(body.error.message).toContain('MB');
    await expectStillServing(documents);
  });

  it('refuses a 25 MB file (under the body limit, over the per-file limit) with 413', async () => {
    await expectError(await upload('big.txt', new Uint8Array(25 * 1024 * 1024).fill(0x41)), 413, 'FILE_TOO_LARGE');
    await expectStillServing(documents);
  });

  it('refuses an executable renamed .pdf with 415', async () => {
    const executable = new Uint8Array(readFileSync(process.execPath).subarray(0, 256 * 1024));
    await expectError(await upload('report.pdf', executable), 415, 'UNSUPPORTED_FORMAT');
    await expectStillServing(documents);
  });

  it('adds none of several files when one of them is refused', async () => {
    const form = new FormData();
    form.append('files', new File([new TextEncoder().encode('张掖市2020年法治政府建设情况报告\n全年共收到行政复议申请317件。')], 'good.txt'));
    form.append('files', new File([new Uint8Array(readFileSync(process.execPath).subarray(0, 64 * 1024))], 'bad.pdf'));
    await expectError(await request('/api/documents', { method: 'POST', body: form, headers: bearer(uploadKey) }), 415, 'UNSUPPORTED_FORMAT');
    await expectStillServing(documents);
    expect(uploadsListing()).not.toContain('good.txt');
  });

  it('refuses a scanned PDF without a text layer with 422 and says to run OCR', async () => {
    const error = await expectError(await upload('scan.pdf', await makePdfWithoutText(2)), 422, 'PDF_NO_TEXT');
    expect(error.message).toBe('该PDF没有文字层，请先进行文字识别');
    await expectStillServing(documents);
  });

  it('refuses a body that is not multipart, and a form without files', async () => {
    await expectError(await request('/api/documents', { method: 'POST', headers: { ...bearer(uploadKey), 'content-type': 'application/json' }, body: '{}' }), 415, 'UNSUPPORTED_MEDIA_TYPE');
    const form = new FormData();
    form.append('other', 'x');
    await expectError(await request('/api/documents', { method: 'POST', headers: bearer(uploadKey), body: form }), 400, 'NO_FILES');
  });

  it('stores path-like names under a safe name inside uploads/ and writes nothing outside', async () => {
    expect(uploadsListing()).toEqual([]);
    const names = ['../../etc/passwd', '..\\..\\x.txt', '/tmp/absolute-report.txt', '....//....//nested.md'];
    const regions = ['陇南市', '平凉市', '庆阳市', '金昌市'];
    const stored: string[] = [];
    for (const [index, name] of names.entries()) {
      const variant = makeVariant({ region: regions[index]!, year: 2023, reviews: 970 + index, lawsuits: 1970 + index });
      const response = await upload(name, new TextEncoder().encode(variant.text));
      expect(response.status).toBe(201);
      const { documents: [outcome] } = (await response.json()) as { documents: { source: string; status: string }[] };
      expect(outcome?.status).toBe('added');
      expect(outcome!.source).not.toMatch(/[/\\]|\.\./);
      expect(outcome!.source.startsWith('.')).toBe(false);
      stored.push(outcome!.source);
      documents += 1;
    }
    expect(new Set(stored).size).toBe(names.length);
    expect(uploadsListing().sort()).toEqual([...stored].sort());
    const uploads = join(dataDir, 'uploads');
    for (const name of names) expect(existsSync(resolve(uploads, name.replaceAll('\\', '/')))).toBe(false);
    expect(existsSync(join(dataDir, 'etc'))).toBe(false);
    expect(readdirSync(dataDir).sort()).toEqual(['index', 'uploads']);
    expect(readdirSync(dirname(uploads)).includes('x.txt')).toBe(false);
    await expectStillServing(documents);
  });
});

describe('API keys', () => {
  const variant = makeVariant({ region: '嘉峪关市', year: 2023, reviews: 64, lawsuits: 46 });
  const bytes = new TextEncoder().encode(variant.text);

  it('refuses uploads, deletes and reindexing without a key or with a wrong key (401)', async () => {
    const list = (await (await request('/api/documents')).json()) as { id: string }[];
    const id = list[0]!.id;
    for (const headers of [{}, bearer('sk-wrong'), { authorization: uploadKey }, { authorization: `Basic ${btoa(`user:${uploadKey}`)}` }]) {
      await expectError(await upload('嘉峪关.txt', bytes, headers), 401, 'UNAUTHORIZED');
      await expectError(await request(`/api/documents/${id}`, { method: 'DELETE', headers }), 401, 'UNAUTHORIZED');
      await expectError(await request(`/api/documents/${id}/reindex`, { method: 'POST', headers }), 401, 'UNAUTHORIZED');
    }
    expect(uploadsListing().some((name) => name.includes('嘉峪关'))).toBe(false);
    await expectStillServing(documents);
  });

  it('accepts any configured key, and reads stay open without READ_REQUIRES_KEY', async () => {
    const response = await upload('嘉峪关.txt', bytes, bearer(rateKeyB));
    expect(response.status).toBe(201);
    documents += 1;
    expect((await request('/api/documents')).status).toBe(200);
    await expectStillServing(documents);
  });
});

describe('READ_REQUIRES_KEY', () => {
  it('closes reads to clients without a key, health excepted', async () => {
    const closed = await startServer({
      indexDir: join(dataDir, 'index'),
      env: { DATA_DIR: dataDir, EMBEDDING_PROVIDER: 'none', API_KEYS: uploadKey, READ_REQUIRES_KEY: '1', RATE_LIMIT_PER_MINUTE: '0' },
    });
    try {
      const at = (path: string, init?: RequestInit) => fetch(`${closed.url}${path}`, init);
      const searchBody = { method: 'POST', body: JSON.stringify({ query: '行政复议' }) };
      await expectError(await at('/api/documents'), 401, 'UNAUTHORIZED');
      await expectError(await at('/api/search', { ...searchBody, headers: { 'content-type': 'application/json' } }), 401, 'UNAUTHORIZED');
      await expectError(await at('/api/search', { ...searchBody, headers: { 'content-type': 'application/json', ...bearer('sk-wrong') } }), 401, 'UNAUTHORIZED');
      expect((await at('/api/health')).status).toBe(200);
      expect((await at('/api/documents', { headers: bearer(uploadKey) })).status).toBe(200);
      expect((await at('/api/search', { ...searchBody, headers: { 'content-type': 'application/json', ...bearer(uploadKey) } })).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});

describe('rate limits', () => {
  const ask = (headers: Record<string, string> = {}) =>
    request('/api/ask', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ question: '海东市2020年收到多少件行政复议申请？' }) });
  const search = (headers: Record<string, string> = {}) =>
    request('/api/search', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '行政复议' }) });
  const chat = (headers: Record<string, string> = {}) =>
    request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ model: 'report-qa', messages: [{ role: 'user', content: '海东市2020年收到多少件行政复议申请？' }] }),
    });

  async function expectLimited(response: Response) {
    const error = await expectError(response, 429, 'RATE_LIMITED');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    return error;
  }

  it('limits clients without a valid key by address, even when they rotate made-up keys', async () => {
    for (let n = 0; n < perMinute; n += 1) expect((await search(bearer(`sk-made-up-${n}`))).status).toBe(200);
    await expectLimited(await search(bearer('sk-made-up-next')));
    await expectLimited(await search());
    await expectLimited(await ask());
  });

  it('limits each valid key on its own budget across /api/ask, /api/search and /v1', async () => {
    expect((await ask(bearer(rateKeyA))).status).toBe(200);
    expect((await search(bearer(rateKeyA))).status).toBe(200);
    expect((await chat(bearer(rateKeyA))).status).toBe(200);
    await expectLimited(await ask(bearer(rateKeyA)));
    await expectLimited(await search(bearer(rateKeyA)));
    await expectLimited(await chat(bearer(rateKeyA)));
    // Another key has its own budget.
    expect((await ask(bearer(rateKeyB))).status).toBe(200);
  });

  it('leaves the library routes and health outside the limit', async () => {
    for (let n = 0; n < perMinute + 2; n += 1) expect((await request('/api/health')).status).toBe(200);
    for (let n = 0; n < perMinute + 2; n += 1) expect((await request('/api/documents')).status).toBe(200);
  });
});
