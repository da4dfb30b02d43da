// Originals in data/uploads without a document (kill -9 during an upload) are reconciled at start: indexed, or set aside, and logged.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { searchResponseSchema } from '@report-qa/schema';
import { inspectIndex } from './support/library-index.js';
import { makeLargeReport, makeVariant } from './support/library-fixtures.js';
import { startServer, type RunningServer } from './support/start-server.js';

const modelDir = process.env.EMBEDDING_MODEL_DIR;
const root = mkdtempSync(join(tmpdir(), 'report-qa-orphans-'));
let server: RunningServer | undefined;

afterAll(async () => {
  if (server?.process.exitCode === null) await server.close();
  rmSync(root, { recursive: true, force: true });
});

const documents = async (url: string) => (await (await fetch(`${url}/api/documents`)).json()) as { id: string; source: string; passages: number }[];

describe.skipIf(!modelDir)('kill -9 during an upload', () => {
  const dataDir = join(root, 'killed');
  const indexDir = join(dataDir, 'index');
  const uploads = join(dataDir, 'uploads');

  it('leaves an original without a document, which the next start indexes and logs (it used to stay orphaned)', async () => {
    server = await startServer({ indexDir, env: { DATA_DIR: dataDir } });
    const form = new FormData();
    form.append('files', new File([makeLargeReport('兰州市', 2023, 300)], '兰州市2023年报告.txt'));
    const uploading = fetch(`${server.url}/api/documents`, { method: 'POST', body: form }).catch(() => null);
    // The original is kept before the report is embedded and committed: kill the server in that window.
    while (!(existsSync(uploads) && readdirSync(uploads).some((name) => !name.startsWith('.')))) await new Promise((resolve) => setTimeout(resolve, 20));
    const exited = new Promise((resolve) => server!.process.once('exit', resolve));
    server.process.kill('SIGKILL');
    await exited;
    expect(await uploading).toBeNull();
    const [orphan] = readdirSync(uploads);
    expect(orphan).toBe('兰州市2023年报告.txt');
    expect(inspectIndex(indexDir).documents.map((document) => document.source)).not.toContain(orphan);

    server = await startServer({ indexDir, env: { DATA_DIR: dataDir } });
    expect(server.output()).toMatch(/上传目录中有 1 个原文件没有对应的报告.*已补建索引：兰州市2023年报告\.txt/);
    const restored = (await documents(server.url)).find((document) => document.source === orphan);
    expect(restored?.passages).toBeGreaterThan(150);
    const response = await fetch(`${server.url}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '兰州市2023年第150类行政事项办理了多少件', topK: 3 }),
    });
    expect(searchResponseSchema.parse(await response.json()).results[0]?.source).toBe(orphan);
    expect(readdirSync(uploads)).toEqual([orphan]);
    expect(inspectIndex(indexDir).problems).toEqual([]);
    await server.close();
    server = undefined;
  });
});

describe('what a crash can leave in data/uploads', () => {
  it('indexes a complete original, deletes a dead writer’s half-written file, sets an unreadable one aside, and logs each', async () => {
    const dataDir = join(root, 'left-over');
    const uploads = join(dataDir, 'uploads');
    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, '白银市报告.txt'), makeVariant({ region: '白银市', year: 2023, reviews: 641, lawsuits: 1641 }).text);
    // A writer that has exited, and one that still runs (this test process: its upload may be in progress).
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(join(uploads, `.uploading-${deadPid}-1700000000000-abcdef`), '白银市人民政府关于2023年度法治政府建设');
    writeFileSync(join(uploads, `.uploading-${process.pid}-1700000000000-ghijkl`), '白银市人民政府关于2023年度法治政府建设');
    writeFileSync(join(uploads, 'broken.docx'), new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]));
    server = await startServer({ indexDir: join(dataDir, 'index'), env: { DATA_DIR: dataDir, EMBEDDING_PROVIDER: 'none' } });
    const output = server.output();
    expect(output).toMatch(/已补建索引：白银市报告\.txt/);
    expect(output).toMatch(new RegExp(`已删除 1 个未写完的上传临时文件.*\\.uploading-${deadPid}-`));
    expect(output).toMatch(/broken\.docx 没有对应的报告且无法读取.*已移至/);
    expect((await documents(server.url)).map((document) => document.source)).toContain('白银市报告.txt');
    expect(readdirSync(uploads).sort()).toEqual([`.uploading-${process.pid}-1700000000000-ghijkl`, '白银市报告.txt']);
    expect(readdirSync(join(dataDir, 'uploads-orphaned'))).toEqual(['broken.docx']);
    await server.close();
    server = undefined;
  });
});
