// Damaged index files through the built server and CLI: a bad vector file is rebuilt from the stored vectors, a bad or empty database stops the start, `report-qa repair` brings every report back (uploads as uploads).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx } from '@report-qa/formats/testing';
import { healthSchema, searchResponseSchema } from '@report-qa/schema';
import { inspectIndex, runCli } from './support/library-index.js';
import { makeVariant } from './support/library-fixtures.js';
import { reportsDir, startServer, type RunningServer } from './support/start-server.js';

const modelDir = process.env.EMBEDDING_MODEL_DIR;
const root = mkdtempSync(join(tmpdir(), 'report-qa-damaged-'));
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Overwrites bytes in place, as a bad disk block or a stray write would. */
function overwrite(file: string, at: number, bytes: Uint8Array): void {
  const fd = openSync(file, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, at);
  } finally {
    closeSync(fd);
  }
}

function meta(indexDir: string): Map<string, string> {
  const db = new Database(join(indexDir, 'index.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((row) => [row.key, row.value]));
  } finally {
    db.close();
  }
}

const queries = ['行政复议申请', '法治政府建设存在的问题', '行政执法三项制度', '法律顾问', '政务公开'];

/** The vector-only ranking (passage ids and scores) for a few queries. */
async function vectorRankings(url: string): Promise<string[][]> {
  const rankings: string[][] = [];
  for (const query of queries) {
    const response = await fetch(`${url}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, topK: 10, mode: 'vector' }),
    });
    expect(response.status).toBe(200);
    const body = searchResponseSchema.parse(await response.json());
    rankings.push(body.results.map((result) => `${result.chunkId} ${result.score.toFixed(5)}`));
  }
  return rankings;
}

describe.skipIf(!modelDir)('a damaged vector file', () => {
  const indexDir = join(root, 'vectors-index');
  const env = { DATA_DIR: join(root, 'vectors-data') };
  let before: string[][];
  let vectorFile: string;
  let pristine: Buffer;

  beforeAll(async () => {
    server = await startServer({ indexDir, env });
    before = await vectorRankings(server.url);
    await server.close();
    server = undefined;
    vectorFile = join(indexDir, meta(indexDir).get('vector_file')!);
    pristine = readFileSync(vectorFile);
  });

  /** Hnswlib's header: offsets and sizes of the level-0 records. */
  function layout(file: Buffer) {
    return { count: Number(file.readBigUInt64LE(16)), recordSize: Number(file.readBigUInt64LE(24)), dataOffset: Number(file.readBigUInt64LE(40)) };
  }

  it('with its graph links overwritten, the server starts, says so, and ranks exactly as before (it used to die with signal 11)', async () => {
    const { count, recordSize } = layout(pristine);
    // The first bytes of each record are its link count and links: garbage there sends hnswlib out of bounds.
    for (let element = 0; element < count; element += 1) overwrite(vectorFile, 96 + element * recordSize, new Uint8Array(40).fill(0xff));
    server = await startServer({ indexDir, env });
    expect(server.output()).toMatch(/向量索引文件.*校验.*重建/);
    expect(await vectorRankings(server.url)).toEqual(before);
    await server.close();
    server = undefined;
    // The rebuilt file is on disk under the checksum the database records.
    const after = meta(indexDir);
    expect(createHash('sha256').update(readFileSync(join(indexDir, after.get('vector_file')!))).digest('hex')).toBe(after.get('vector_sha256'));
    expect(inspectIndex(indexDir).problems).toEqual([]);
  });

  it('with a few vector values changed, the damage is noticed and the ranking is the same as before (it used to change silently)', async () => {
    const current = join(indexDir, meta(indexDir).get('vector_file')!);
    const file = readFileSync(current);
    const { count, recordSize, dataOffset } = layout(file);
    // Negate the first 64 dimensions of every vector: a valid file, wrong numbers.
    for (let element = 0; element < count; element += 1) {
      const at = 96 + element * recordSize + dataOffset;
      const values = new Float32Array(64);
      for (let dimension = 0; dimension < 64; dimension += 1) values[dimension] = -file.readFloatLE(at + dimension * 4);
      overwrite(current, at, new Uint8Array(values.buffer));
    }
    server = await startServer({ indexDir, env });
    expect(server.output()).toMatch(/向量索引文件.*校验.*重建/);
    expect(await vectorRankings(server.url)).toEqual(before);
    await server.close();
    server = undefined;
  });
});

describe('a damaged or empty database', () => {
  const dataDir = join(root, 'db-data');
  const indexDir = join(root, 'db-index');
  const env = { DATA_DIR: dataDir, INDEX_DIR: indexDir, REPORTS_DIR: reportsDir, EMBEDDING_PROVIDER: 'none' };
  const uploadsDir = join(dataDir, 'uploads');
  let library: { id: string; source: string; passages: number }[];
  let uploadedIds: string[];

  // Uploads keep the time they were uploaded; the folder's reports are simply indexed again.
  const documents = async (url: string) =>
    ((await (await fetch(`${url}/api/documents`)).json()) as { id: string; source: string; passages: number; indexedAt: string }[])
      .map(({ id, source, passages, indexedAt }) => ({ id, source, passages, ...(uploadedIds.includes(id) ? { indexedAt } : {}) }))
      .sort((a, b) => a.id.localeCompare(b.id));

  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    server = await startServer({ indexDir, env });
    const zhangye = makeVariant({ region: '张掖市', year: 2023, reviews: 317, lawsuits: 1317 });
    const dingxi = makeVariant({ region: '定西市', year: 2023, reviews: 752, lawsuits: 1752 });
    const form = new FormData();
    form.append('files', new File([zhangye.text], '张掖市2023年报告.txt'));
    form.append('files', new File([await makeDocx(dingxi.paragraphs, dingxi.paragraphs[1])], '定西市报告.docx'));
    const response = await fetch(`${server.url}/api/documents`, { method: 'POST', body: form });
    expect(response.status).toBe(201);
    uploadedIds = ((await response.json()) as { documents: { document: { id: string } }[] }).documents.map((entry) => entry.document.id);
    library = await documents(server.url);
    expect(library).toHaveLength(7);
    await server.close();
    server = undefined;
  });

  async function expectRefusedThenRepaired(damage: () => void, reason: RegExp) {
    const uploadsBefore = readdirSync(uploadsDir).sort();
    damage();
    const refused = await startServer({ indexDir, env }).then(
      async (started) => {
        await started.close();
        return 'started';
      },
      (error: Error) => error.message,
    );
    expect(refused).toMatch(reason);
    expect(refused).toContain('report-qa repair');

    const repair = await runCli(['repair'], env);
    expect(repair.code, repair.stderr).toBe(0);
    expect(repair.stdout).toMatch(/上传的报告 2 份/);
    expect(readdirSync(uploadsDir).sort()).toEqual(uploadsBefore);
    expect(inspectIndex(indexDir).problems).toEqual([]);
    // The damaged files are kept aside for inspection, not deleted.
    expect(readdirSync(indexDir).some((name) => name.startsWith('damaged-'))).toBe(true);

    server = await startServer({ indexDir, env });
    expect(await documents(server.url)).toEqual(library);
    const health = healthSchema.parse(await (await fetch(`${server.url}/api/health`)).json());
    // Keyword-only by configuration is the only warning left.
    expect(health.warnings.filter((warning) => !warning.includes('EMBEDDING_PROVIDER=none'))).toEqual([]);
    expect(health.documents).toBe(7);
    await server.close();
    server = undefined;

    // They came back as uploads: a pruning ingest of the reports folder keeps them.
    const ingest = await runCli(['ingest', reportsDir], env);
    expect(ingest.code, ingest.stderr).toBe(0);
    expect(inspectIndex(indexDir).documents.map((document) => document.id)).toEqual(expect.arrayContaining(uploadedIds));

    // On a sound index repair changes nothing unless forced (a running server may be using it).
    const asideBefore = readdirSync(indexDir).filter((name) => name.startsWith('damaged-'));
    const again = await runCli(['repair'], env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/索引完好（7 份报告.*无需修复.*--force/);
    expect(readdirSync(indexDir).filter((name) => name.startsWith('damaged-'))).toEqual(asideBefore);
  }

  it('an empty index.sqlite stops the start with what to run, and repair restores every upload (it used to start with the uploads gone)', async () => {
    await expectRefusedThenRepaired(() => truncateSync(join(indexDir, 'index.sqlite'), 0), /索引数据库.*(为空|损坏)/);
  });

  it('overwritten database pages stop the start too, and repair restores everything', async () => {
    const file = join(indexDir, 'index.sqlite');
    const size = statSync(file).size;
    await expectRefusedThenRepaired(() => overwrite(file, Math.floor(size / 2 / 4096) * 4096, new Uint8Array(3 * 4096).fill(0x5a)), /索引数据库.*损坏/);
  });

  it('an overwritten database header stops the start', async () => {
    await expectRefusedThenRepaired(() => overwrite(join(indexDir, 'index.sqlite'), 0, new Uint8Array(100).fill(0x41)), /索引数据库.*损坏/);
  });
});
