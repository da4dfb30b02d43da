// Two real API processes on one private PostgreSQL: uploads and deletes seen by the other at once, a WeChat retry on
// the other process answered from the first computation, and a kill -9 mid-upload leaving the report whole or absent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEncryptedReply, safeModeRequest, testVectors, textMessageXml } from '@report-qa/wechat/testing';
import { makeLargeReport } from './support/library-fixtures.js';
import { skipPostgresTests, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { startServer, type RunningServer } from './support/start-server.js';

const skip = skipPostgresTests();
const v1set = testVectors.find((set) => set.id === 'V1')!;
const v1 = { token: v1set.token!, encodingAESKey: v1set.encodingAESKey!, receiveId: v1set.receiveId! };
const apiKey = 'sk-e2e-postgres';
const auth = { Authorization: `Bearer ${apiKey}` };

let cluster: PrivatePostgres;
let db: pg.Pool;
let a: RunningServer;
let b: RunningServer;
const dirs: string[] = [];

function serverEnv(url: string): Record<string, string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'report-qa-pg-data-'));
  dirs.push(dataDir);
  return {
    DATABASE_URL: url,
    DATA_DIR: dataDir,
    API_KEYS: apiKey,
    WECHAT_TOKEN: v1.token,
    WECHAT_APP_ID: v1.receiveId,
    WECHAT_ENCODING_AES_KEY: v1.encodingAESKey,
  };
}

beforeAll(async () => {
  if (skip) return;
  cluster = await startPrivatePostgres();
  const url = cluster.createDatabase('two_processes');
  db = new pg.Pool({ connectionString: url, max: 2 });
  a = await startServer({ env: serverEnv(url) });
  b = await startServer({ env: serverEnv(url) });
}, 600_000);

afterAll(async () => {
  // A killed process has already exited: close() would wait for an exit that has happened.
  if (a && a.process.exitCode === null && a.process.signalCode === null) await a.close();
  await b?.close();
  await db?.end();
  cluster?.stop();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Summary = { id: string; source: string; passages: number };
const documents = async (server: RunningServer) => (await (await fetch(`${server.url}/api/documents`)).json()) as Summary[];

function upload(server: RunningServer, name: string, text: string) {
  const form = new FormData();
  form.append('files', new File([new TextEncoder().encode(text)], name));
  return fetch(`${server.url}/api/documents`, { method: 'POST', body: form, headers: auth });
}

async function search(server: RunningServer, query: string) {
  const response = await fetch(`${server.url}/api/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, topK: 3 }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { results: { source: string; text: string }[] }).results;
}

describe.skipIf(skip)('two API processes on one PostgreSQL', () => {
  it('start on the same database without duplicating the sample reports', async () => {
    const [fromA, fromB] = await Promise.all([documents(a), documents(b)]);
    expect(fromA.map((document) => document.source)).toEqual(fromB.map((document) => document.source));
    expect(fromA).toHaveLength(5);
    const rows = await db.query<{ n: string }>('SELECT count(*) AS n FROM passages');
    expect(Number(rows.rows[0]!.n)).toBe(fromA.reduce((sum, document) => sum + document.passages, 0));
  });

  it('answers through B a report uploaded through A as soon as A has answered, and drops through A one deleted through B', async () => {
    const text = makeLargeReport('果洛州', 2023, 6).replace('（1）第1项工作', '（1）第1项工作：果洛州设立雪豹巡护法律服务站。第1项工作');
    const response = await upload(a, 'guoluo-2023.txt', text);
    expect(response.status).toBe(201);
    const { documents: added } = (await response.json()) as { documents: { status: string; document: Summary }[] };
    expect(added[0]!.status).toBe('added');
    const found = await search(b, '雪豹巡护法律服务站');
    expect(found[0]!.source).toBe(added[0]!.document.source);
    expect((await documents(b)).map((document) => document.id)).toContain(added[0]!.document.id);

    const removed = await fetch(`${b.url}/api/documents/${added[0]!.document.id}`, { method: 'DELETE', headers: auth });
    expect(removed.status).toBeLessThan(300);
    expect((await documents(a)).map((document) => document.id)).not.toContain(added[0]!.document.id);
    expect((await search(a, '雪豹巡护法律服务站')).map((result) => result.source)).not.toContain(added[0]!.document.source);
  });

  it('computes a WeChat message once when its retry lands on the other process, and both replies are the answer or the placeholder', async () => {
    const question = '海东市2020年收到多少件行政复议申请？';
    const xml = textMessageXml({ from: 'oTwoProcessUser', content: question, msgId: '7100000000000000001' });
    const { query, body } = safeModeRequest(v1, xml, String(Math.floor(Date.now() / 1000)), '515151');
    const deliver = async (server: RunningServer) => {
      const response = await fetch(`${server.url}/wechat/mp?${query}`, { method: 'POST', body });
      expect(response.status).toBe(200);
      const text = await response.text();
      return text === 'success' ? '' : (readEncryptedReply(v1, text).content ?? '');
    };
    const first = await deliver(a);
    const retry = await deliver(b);
    const placeholder = '答案正在生成，请稍后回复任意内容查看答案';
    for (const reply of [first, retry]) expect(reply === placeholder || reply.includes('93'), reply).toBe(true);
    expect([first, retry].some((reply) => reply.includes('93'))).toBe(true);
    const logged = await db.query<{ n: string }>("SELECT count(*) AS n FROM answer_log WHERE channel = 'wechat' AND question = $1", [question]);
    expect(Number(logged.rows[0]!.n)).toBe(1);
  });

  it('leaves a report whole or absent when A is killed with SIGKILL during its upload, and B keeps serving', async () => {
    const name = 'killed-upload-2024.txt';
    const pending = upload(a, name, makeLargeReport('玉树州', 2024, 300)).catch(() => null);
    // Let the upload get under way (extraction, parsing, embedding) before the kill; either outcome is checked below.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const exited = new Promise((resolve) => a.process.once('exit', resolve));
    a.process.kill('SIGKILL');
    await exited;
    await pending;
    const listed = (await documents(b)).find((document) => document.source === name);
    const stored = await db.query<{ passages: number; rows: string }>(
      'SELECT d.passages, (SELECT count(*) FROM passages p WHERE p.doc_id = d.id) AS rows FROM documents d WHERE d.source = $1',
      [name],
    );
    if (listed) {
      expect(stored.rows).toHaveLength(1);
      expect(Number(stored.rows[0]!.rows)).toBe(stored.rows[0]!.passages);
      expect(listed.passages).toBe(stored.rows[0]!.passages);
    } else {
      expect(stored.rows).toHaveLength(0);
    }
    expect((await search(b, '行政复议申请')).length).toBeGreaterThan(0);
  });
});
