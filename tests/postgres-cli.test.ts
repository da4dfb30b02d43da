// `report-qa migrate --to` and `report-qa doctor` through the built CLI, against a private PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/library-index.js';
import { skipPostgresTests, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.js';
import { reportsDir } from './support/start-server.js';

const skip = skipPostgresTests();
const root = mkdtempSync(join(tmpdir(), 'report-qa-pg-cli-'));
// Keyword-only keeps this fast; copying vectors is covered by the retrieval package's PostgreSQL test.
const env = { DATA_DIR: join(root, 'data'), INDEX_DIR: join(root, 'index'), REPORTS_DIR: reportsDir, EMBEDDING_PROVIDER: 'none' };
let cluster: PrivatePostgres;

beforeAll(async () => {
  if (!skip) cluster = await startPrivatePostgres();
});
afterAll(() => {
  cluster?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe.skipIf(skip)('report-qa migrate and doctor', () => {
  it('copies the embedded index, then searches PostgreSQL with the same results, and doctor reports the counts', async () => {
    expect((await runCli(['ingest', reportsDir], env)).code).toBe(0);
    const url = cluster.createDatabase('cli');

    const before = await runCli(['doctor'], { ...env, DATABASE_URL: url });
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('迁移：缺少');

    const migrated = await runCli(['migrate', '--to', url], env);
    expect(migrated.code).toBe(0);
    expect(migrated.stdout).toContain('已复制 5 份报告');

    const doctor = await runCli(['doctor'], { ...env, DATABASE_URL: url });
    expect(doctor.code).toBe(0);
    expect(doctor.stdout).toMatch(/✓ 连接：PostgreSQL \d+/);
    expect(doctor.stdout).toContain('✓ pgvector 扩展：0.8.1');
    expect(doctor.stdout).toMatch(/✓ 行数：5 份报告，\d+ 个段落/);

    const query = ['search', '海东市2020年行政复议', '--json'];
    const embedded = JSON.parse((await runCli(query, env)).stdout) as { results: { chunkId: string }[] };
    const shared = JSON.parse((await runCli(query, { ...env, DATABASE_URL: url, INDEX_DIR: join(root, 'unused') })).stdout) as { results: { chunkId: string }[] };
    expect(embedded.results.length).toBeGreaterThan(0);
    expect(shared.results.map((result) => result.chunkId)).toEqual(embedded.results.map((result) => result.chunkId));
  });

  it('stops with a message naming DATABASE_URL when the database cannot be reached', async () => {
    const result = await runCli(['search', '行政复议'], { ...env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('无法连接 DATABASE_URL');
  });
});
