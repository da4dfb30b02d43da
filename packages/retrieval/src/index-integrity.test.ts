// The index's own integrity checks: a vector file that fails its checksum is rebuilt from SQLite; a damaged or empty database is refused untouched.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IndexRepair } from './index-core.js';
import { ReportIndex } from './report-index.js';
import { IndexCorruptError } from './retrieval-error.js';
import { FakeBigramEmbeddings, reportsDir, temporaryDir } from './testing/index.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function meta(dir: string): Record<string, string> {
  const db = new Database(join(dir, 'index.sqlite'), { readonly: true });
  try {
    return Object.fromEntries((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((row) => [row.key, row.value]));
  } finally {
    db.close();
  }
}

function overwrite(file: string, at: number, bytes: Uint8Array): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const queries = ['行政复议', '法律顾问制度', '政务公开'];

describe('the vector file', () => {
  const dir = temporaryDir('integrity-');
  dirs.push(dir);
  let rankings: string[][];

  const open = async (repairs: IndexRepair[], readOnly = false) =>
    ReportIndex.open(dir, { embeddings: new FakeBigramEmbeddings(), readOnly, onRepair: (repair) => repairs.push(repair) });
  const rank = async (index: ReportIndex) =>
    Promise.all(queries.map(async (query) => (await index.search(query, { mode: 'vector', topK: 8 })).results.map((result) => result.chunkId)));

  beforeAll(async () => {
    const index = await ReportIndex.open(dir, { embeddings: new FakeBigramEmbeddings() });
    await index.indexReports(reportsDir);
    rankings = await rank(index);
    await index.close();
  });

  it('records the sha256 of the file it commits', () => {
    const { vector_file: file, vector_sha256: checksum } = meta(dir);
    expect(checksum).toBe(sha256(join(dir, file!)));
  });

  it('opens a sound file without repairing anything', async () => {
    const repairs: IndexRepair[] = [];
    const index = await open(repairs);
    expect(await rank(index)).toEqual(rankings);
    await index.close();
    expect(repairs).toEqual([]);
  });

  it('rebuilds a file whose bytes changed from the stored vectors, reports it and writes it back', async () => {
    const file = join(dir, meta(dir).vector_file!);
    overwrite(file, 96, new Uint8Array(64).fill(0xff));
    const repairs: IndexRepair[] = [];
    const index = await open(repairs);
    expect(await rank(index)).toEqual(rankings);
    await index.close();
    expect(repairs).toEqual([expect.objectContaining({ kind: 'vectors-rebuilt', reason: 'checksum-mismatch', saved: true, vectors: 140 })]);
    expect(repairs[0]!.message).toMatch(/校验.*140 个向量重建.*未重新计算嵌入/);
    const after = meta(dir);
    expect(after.vector_sha256).toBe(sha256(join(dir, after.vector_file!)));
  });

  it('rebuilds in memory only when opened read-only, leaving the damaged file for a writer to replace', async () => {
    const file = join(dir, meta(dir).vector_file!);
    overwrite(file, 200, new Uint8Array(64).fill(0x7f));
    const damaged = sha256(file);
    const repairs: IndexRepair[] = [];
    const index = await open(repairs, true);
    expect(await rank(index)).toEqual(rankings);
    await index.close();
    expect(repairs).toEqual([expect.objectContaining({ reason: 'checksum-mismatch', saved: false })]);
    expect(sha256(file)).toBe(damaged);
  });

  it('does not trust a file without a checksum (an index from before checksums)', async () => {
    const db = new Database(join(dir, 'index.sqlite'));
    db.prepare("DELETE FROM meta WHERE key = 'vector_sha256'").run();
    db.close();
    const repairs: IndexRepair[] = [];
    const index = await open(repairs);
    expect(await rank(index)).toEqual(rankings);
    await index.close();
    expect(repairs).toEqual([expect.objectContaining({ reason: 'no-checksum', saved: true })]);
    expect(meta(dir).vector_sha256).toBe(sha256(join(dir, meta(dir).vector_file!)));
  });
});

describe('the database', () => {
  it.each([
    ['empty', (file: string) => writeFileSync(file, ''), /文件为空/],
    ['with its header overwritten', (file: string) => overwrite(file, 0, new Uint8Array(100).fill(0x41)), /无法作为 SQLite 数据库读取/],
    ['with pages overwritten', (file: string) => overwrite(file, 4096 * 3, new Uint8Array(4096 * 4).fill(0x5a)), /已损坏/],
  ])('%s is refused with IndexCorruptError and left exactly as it was', async (_name, damage, message) => {
    const dir = temporaryDir('integrity-db-');
    dirs.push(dir);
    const index = await ReportIndex.open(dir, { embeddings: null });
    await index.indexReports(reportsDir);
    await index.close();
    const file = join(dir, 'index.sqlite');
    damage(file);
    const before = sha256(file);
    const error = await ReportIndex.open(dir, { embeddings: null }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IndexCorruptError);
    expect((error as IndexCorruptError).message).toMatch(message);
    expect(sha256(file)).toBe(before);
  });
});

describe('the stored originals', () => {
  it('a changed character in a report’s original is refused on a writable open, naming the report', async () => {
    const dir = temporaryDir('integrity-original-');
    dirs.push(dir);
    const index = await ReportIndex.open(dir, { embeddings: null });
    await index.indexReports(reportsDir);
    await index.close();
    const db = new Database(join(dir, 'index.sqlite'));
    const changed = db.prepare("UPDATE documents SET original = replace(original, '行政复议', '行政复审') WHERE source = '000_2c522bdb5677e79f.txt'").run();
    db.close();
    expect(changed.changes).toBe(1);
    const error = await ReportIndex.open(dir, { embeddings: null }).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IndexCorruptError);
    expect((error as Error).message).toMatch(/1 份报告的原文与记录的 sha256 校验值不符（000_2c522bdb5677e79f\.txt）/);
  });
});
