// Parse bombs through the built server: small files that expand to millions of characters are refused by a named limit, extraction runs in a worker with time and memory limits, and the API keeps answering meanwhile.
import { request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTextBombDocx } from '@report-qa/formats/testing';
import { healthSchema } from '@report-qa/schema';
import { makeVariant } from './support/library-fixtures.js';
import { startServer, type RunningServer } from './support/start-server.js';

const root = mkdtempSync(join(tmpdir(), 'report-qa-bombs-'));
const servers: RunningServer[] = [];
let bomb: Uint8Array;

beforeAll(async () => {
  // The size of the file in the report: 6.7 million characters in about 230 KB, under the zip guard's ratio.
  bomb = await makeTextBombDocx(6_700_000);
  expect(bomb.length).toBeLessThan(300 * 1024);
});

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  rmSync(root, { recursive: true, force: true });
});

async function start(name: string, env: Record<string, string> = {}) {
  const dataDir = join(root, name);
  const server = await startServer({ indexDir: join(dataDir, 'index'), env: { DATA_DIR: dataDir, EMBEDDING_PROVIDER: 'none', ...env } });
  servers.push(server);
  return { server, uploads: () => (existsSync(join(dataDir, 'uploads')) ? readdirSync(join(dataDir, 'uploads')) : []) };
}

function upload(url: string, name: string, bytes: Uint8Array) {
  const form = new FormData();
  form.append('files', new File([bytes], name));
  return fetch(`${url}/api/documents`, { method: 'POST', body: form });
}

async function expectError(response: Response, status: number, code: string): Promise<string> {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  return body.error.message;
}

/** A multipart upload over node:http, resolved once the whole body has been handed to the socket. */
function uploadRaw(url: string, name: string, bytes: Uint8Array) {
  const boundary = `----report-qa-${Date.now()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  let sent!: () => void;
  const bodySent = new Promise<void>((resolve) => (sent = resolve));
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = httpRequest(`${url}/api/documents`, { method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on('error', reject);
    request.on('finish', sent);
    request.end(body);
  });
  return { bodySent, answered };
}

describe('parse bombs with the default limits', () => {
  let server: RunningServer;
  let uploads: () => string[];
  let documents: number;

  beforeAll(async () => {
    ({ server, uploads } = await start('default'));
    documents = healthSchema.parse(await (await fetch(`${server.url}/api/health`)).json()).documents;
  });

  it('refuses a 230 KB DOCX that expands to 6.7 million characters with 413 TEXT_TOO_LONG, keeping nothing (it used to be indexed for 7+ minutes)', async () => {
    const message = await expectError(await upload(server.url, 'bomb.docx', bomb), 413, 'TEXT_TOO_LONG');
    expect(message).toContain('670 万字');
    expect(message).toContain('50 万字');
    expect(uploads()).toEqual([]);
    expect(healthSchema.parse(await (await fetch(`${server.url}/api/health`)).json()).documents).toBe(documents);
  });

  it('refuses plain text over the limit the same way', async () => {
    const long = makeVariant({ region: '张掖市', year: 2023, reviews: 317, lawsuits: 1317 }).text.repeat(400);
    expect(long.length).toBeGreaterThan(500_000);
    await expectError(await upload(server.url, 'long.txt', new TextEncoder().encode(long)), 413, 'TEXT_TOO_LONG');
    expect(uploads()).toEqual([]);
  });

  it('answers health checks and a delete while a slow extraction runs, all before the upload is answered (they used to wait for it)', async () => {
    const small = makeVariant({ region: '酒泉市', year: 2023, reviews: 428, lawsuits: 1428 });
    const added = await upload(server.url, 'jiuquan.txt', new TextEncoder().encode(small.text));
    expect(added.status).toBe(201);
    const id = ((await added.json()) as { documents: { document: { id: string } }[] }).documents[0]!.document.id;
    expect(uploads()).toHaveLength(1);

    // Its XML is cut off at the end: the parser reads all 6.7 million characters, then fails.
    const slow = uploadRaw(server.url, 'slow.docx', await makeTextBombDocx(6_700_000, { unterminated: true }));
    const order: string[] = [];
    const upload_ = slow.answered.then((answer) => {
      order.push('upload');
      return answer;
    });
    await slow.bodySent;
    const statuses: number[] = [];
    for (let round = 0; round < 3; round += 1) {
      const health = await fetch(`${server.url}/api/health`);
      statuses.push(health.status);
      order.push('health');
    }
    const deleted = await fetch(`${server.url}/api/documents/${id}`, { method: 'DELETE' });
    statuses.push(deleted.status);
    order.push('delete');
    const answer = await upload_;

    expect(order).toEqual(['health', 'health', 'health', 'delete', 'upload']);
    expect(statuses).toEqual([200, 200, 200, 200]);
    expect(answer.status).toBe(422);
    expect((JSON.parse(answer.body) as { error: { code: string } }).error.code).toBe('UNREADABLE_FILE');
    expect(uploads()).toEqual([]);
  });
});

describe('extraction limits', () => {
  it('stops an extraction past EXTRACT_TIMEOUT_MS with 422 EXTRACTION_LIMIT and keeps serving', async () => {
    const { server, uploads } = await start('timeout', { EXTRACT_TIMEOUT_MS: '300' });
    const message = await expectError(await upload(server.url, 'bomb.docx', bomb), 422, 'EXTRACTION_LIMIT');
    expect(message).toContain('0.3 秒');
    expect(uploads()).toEqual([]);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('stops an extraction past EXTRACT_MEMORY_MB with 422 EXTRACTION_LIMIT, and the server lives on', async () => {
    const { server, uploads } = await start('memory', { EXTRACT_MEMORY_MB: '64' });
    const message = await expectError(await upload(server.url, 'bomb.docx', bomb), 422, 'EXTRACTION_LIMIT');
    expect(message).toContain('64 MB');
    expect(uploads()).toEqual([]);
    // The same server still reads an honest report.
    const honest = makeVariant({ region: '天水市', year: 2023, reviews: 539, lawsuits: 1539 });
    expect((await upload(server.url, 'tianshui.txt', new TextEncoder().encode(honest.text))).status).toBe(201);
    expect(server.process.exitCode).toBeNull();
  });
});
