// Index consistency through the built server and CLI: reads during a write, kill -9 during an ingest, then a restart.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeDocx, reportParagraphs } from '@report-qa/formats/testing';
import { askResponseSchema, documentSummarySchema, healthSchema, searchResponseSchema } from '@report-qa/schema';
import { inspectIndex, runCli } from './support/library-index.js';
import { makeLargeReport } from './support/library-fixtures.js';
import { repositoryRoot, startServer, type RunningServer } from './support/start-server.js';

const modelDir = process.env.EMBEDDING_MODEL_DIR;
const root = mkdtempSync(join(tmpdir(), 'report-qa-consistency-'));
const dataDir = join(root, 'data');
const indexDir = join(root, 'index');
const env = { DATA_DIR: dataDir, INDEX_DIR: indexDir };
let server: RunningServer | undefined;

afterAll(async () => {
  await server?.close();
  if (!process.env.KEEP_TEST_DIR) rmSync(root, { recursive: true, force: true });
  else console.log('kept', root);
});

const post = (path: string, body: unknown) =>
  fetch(`${server!.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe.skipIf(!modelDir)('reads while a large report is written', () => {
  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    server = await startServer({ indexDir, env });
  });

  it('answers every question and search during the upload from the committed index, never a half-written one', async () => {
    const before = healthSchema.parse(await (await fetch(`${server!.url}/api/health`)).json());
    const big = makeLargeReport('兰州市', 2023, 300);
    const form = new FormData();
    form.append('files', new File([big], '兰州市2023年报告.txt'));
    const uploadStarted = performance.now();
    let uploadDone = Number.POSITIVE_INFINITY;
    const uploading = fetch(`${server!.url}/api/documents`, { method: 'POST', body: form }).then(async (response) => {
      uploadDone = performance.now();
      return { status: response.status, body: (await response.json()) as { documents: { document: { id: string; passages: number } }[] } };
    });

    interface Probe { started: number; finished: number; status: number; newDoc: boolean; passages?: number; oldAnswerRight?: boolean }
    const probes: Probe[] = [];
    const newQuery = '兰州市2023年第150类行政事项办理了多少件';
    let finished = false;
    void uploading.finally(() => (finished = true));
    // Keep a few requests in flight until the upload has answered, then a last round after it.
    const worker = async (kind: 'ask' | 'search' | 'health') => {
      for (let round = 0; !finished || round === 0; round += 1) {
        const started = performance.now();
        if (kind === 'search') {
          const response = await post('/api/search', { query: newQuery, topK: 10 });
          const body = searchResponseSchema.parse(await response.json());
          probes.push({ started, finished: performance.now(), status: response.status, newDoc: body.results.some((result) => result.source.startsWith('兰州市')) });
        } else if (kind === 'ask') {
          const response = await post('/api/ask', { question: '海东市2020年收到多少件行政复议申请？', mode: 'extractive' });
          const body = askResponseSchema.parse(await response.json());
          probes.push({ started, finished: performance.now(), status: response.status, newDoc: false, oldAnswerRight: body.answer.includes('93件') });
        } else {
          const response = await fetch(`${server!.url}/api/health`);
          const body = healthSchema.parse(await response.json());
          probes.push({ started, finished: performance.now(), status: response.status, newDoc: body.documents > before.documents, passages: body.passages });
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    };
    await Promise.all([worker('ask'), worker('search'), worker('search'), worker('health')]);
    const upload = await uploading;
    expect(upload.status).toBe(201);
    const added = upload.body.documents[0]!.document;
    expect(added.passages).toBeGreaterThan(150);

    expect(probes.every((probe) => probe.status === 200)).toBe(true);
    const during = probes.filter((probe) => probe.finished < uploadDone);
    expect(during.length).toBeGreaterThanOrEqual(5);
    // Old answers stay right throughout.
    expect(probes.filter((probe) => probe.oldAnswerRight !== undefined).every((probe) => probe.oldAnswerRight)).toBe(true);
    // The document count and passage count jump in one step: old index, then the whole new report.
    for (const probe of probes.filter((candidate) => candidate.passages !== undefined)) {
      expect([before.passages, before.passages + added.passages]).toContain(probe.passages);
      expect(probe.newDoc).toBe(probe.passages === before.passages + added.passages);
    }
    // Searches that ended well before the upload answered saw the old index; a search begun after it sees the new report.
    const searches = probes.filter((probe) => probe.oldAnswerRight === undefined && probe.passages === undefined);
    expect(searches.filter((probe) => probe.finished < uploadStarted + (uploadDone - uploadStarted) / 2).every((probe) => !probe.newDoc)).toBe(true);
    expect(searches.filter((probe) => probe.started > uploadDone).every((probe) => probe.newDoc)).toBe(true);
    const afterwards = searchResponseSchema.parse(await (await post('/api/search', { query: newQuery, topK: 5 })).json());
    expect(afterwards.results[0]?.docId).toBe(added.id);
    const list = documentSummarySchema.array().parse(await (await fetch(`${server!.url}/api/documents`)).json());
    expect(list.find((document) => document.id === added.id)?.passages).toBe(added.passages);
    await server!.close();
    server = undefined;
  });
});

describe.skipIf(!modelDir)('kill -9 during a CLI ingest', () => {
  const regions = ['银川市', '石嘴山市', '吴忠市', '固原市', '中卫市'];
  const folder = join(root, 'incoming');
  const files = regions.map((region) => join(folder, `${region}2023年报告.docx`));

  beforeAll(async () => {
    // Run alone, it needs the index of the samples that the test above leaves.
    if (!existsSync(join(indexDir, 'index.sqlite'))) {
      const built = await runCli(['ingest', join(repositoryRoot, 'data/reports')], env);
      expect(built.code, built.stderr).toBe(0);
    }
    mkdirSync(folder, { recursive: true });
    for (const [index, region] of regions.entries()) {
      writeFileSync(files[index]!, await makeDocx(reportParagraphs(makeLargeReport(region, 2023, 90))));
    }
  });

  it('leaves every document whole or absent, and a restart serves a consistent index', async () => {
    const before = inspectIndex(indexDir);
    expect(before.problems).toEqual([]);
    expect(before.documents.length).toBeGreaterThanOrEqual(5);

    // Kill the ingest shortly after its second commit, while it embeds the third report.
    const child = spawn(process.execPath, [join(repositoryRoot, 'apps/api/dist/main.js'), 'ingest', ...files], {
      cwd: repositoryRoot,
      env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const killed = await new Promise<{ commits: number; signal: NodeJS.Signals | null }>((resolve, reject) => {
      let commits = 0;
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        commits = output.split('写入索引').length - 1;
        if (commits === 2) setTimeout(() => child.kill('SIGKILL'), 200);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (_code, signal) => resolve({ commits, signal }));
      child.on('error', reject);
    });
    expect(killed.signal, `the ingest finished before it could be killed:\n${output}`).toBe('SIGKILL');

    const after = inspectIndex(indexDir);
    expect(after.problems).toEqual([]);
    const incoming = after.documents.filter((document) => regions.some((region) => document.source.startsWith(region)));
    expect(incoming.length).toBeGreaterThanOrEqual(2);
    expect(incoming.length).toBeLessThan(regions.length);
    // The documents that were there before are untouched.
    for (const document of before.documents) expect(after.documents).toContainEqual(document);

    // A restarted server opens it, counts what is there and answers from a committed report, not from the lost one.
    // No reports folder: on start the server syncs the index with REPORTS_DIR, which would remove reports ingested from elsewhere.
    server = await startServer({ indexDir, env: { ...env, REPORTS_DIR: join(root, 'no-reports-folder') } });
    const health = healthSchema.parse(await (await fetch(`${server.url}/api/health`)).json());
    expect(health).toMatchObject({ documents: after.documents.length, passages: after.passages });
    const committed = incoming[0]!;
    const lost = regions.find((region) => !incoming.some((document) => document.source.startsWith(region)))!;
    const found = askResponseSchema.parse(await (await post('/api/ask', { question: `${committed.source.slice(0, 3)}2023年第10类行政事项办理了多少件？`, mode: 'extractive' })).json());
    expect(found.notFound).toBe(false);
    expect(found.citations.some((citation) => citation.source === committed.source)).toBe(true);
    const missing = searchResponseSchema.parse(await (await post('/api/search', { query: `${lost}2023年第10类行政事项`, topK: 10 })).json());
    expect(missing.results.some((result) => result.source.startsWith(lost))).toBe(false);
    await server.close();
    server = undefined;

    // Running the ingest again finishes the job: the committed reports are unchanged, the others added once.
    const rerun = await runCli(['ingest', '--json', ...files], env);
    expect(rerun.code, rerun.stderr).toBe(0);
    const summary = JSON.parse(rerun.stdout) as { added: string[]; unchanged: string[] };
    expect(summary.unchanged).toHaveLength(incoming.length);
    expect(summary.added).toHaveLength(regions.length - incoming.length);
    const final = inspectIndex(indexDir);
    expect(final.problems).toEqual([]);
    expect(final.documents.length).toBe(after.documents.length + regions.length - incoming.length);
  });
});

describe('a write that fails for lack of permission', () => {
  it.skipIf(process.getuid?.() !== 0)('is reported clearly by the CLI and leaves the index as it was', async () => {
    const dir = join(root, 'readonly');
    const ownIndex = join(dir, 'index');
    mkdirSync(ownIndex, { recursive: true });
    const keywordOnly = { DATA_DIR: dir, INDEX_DIR: ownIndex, EMBEDDING_PROVIDER: 'none' };
    const first = await runCli(['ingest', join(repositoryRoot, 'data/reports/000_2c522bdb5677e79f.txt')], keywordOnly);
    expect(first.code, first.stderr).toBe(0);
    const before = inspectIndex(ownIndex);
    // As root, permissions do not stop writes: run the CLI as nobody against the root-owned index (readable, not writable).
    chmodSync(root, 0o755);
    const second = await runCli(['ingest', join(repositoryRoot, 'data/reports/001_f8b6fe307ef2b7ed.txt')], keywordOnly, { uid: 65534, gid: 65534 });
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(ownIndex);
    expect(second.stderr).toMatch(/权限|只读/);
    expect(inspectIndex(ownIndex)).toEqual(before);
  });
});

/** Mounts a small tmpfs (root only); null where that is not allowed. */
function mountTmpfs(dir: string, size: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk during an upload', () => {
  const disk = join(root, 'small-disk');
  let mounted = false;

  afterAll(async () => {
    await server?.close();
    server = undefined;
    if (mounted) execFileSync('umount', [disk]);
  });

  it('answers 507 with a clear message, keeps the index and uploads/ as they were, and works again once space is freed', async (context) => {
    mkdirSync(disk, { recursive: true });
    mounted = process.getuid?.() === 0 && mountTmpfs(disk, '4m');
    if (!mounted) context.skip('needs root to mount a small tmpfs');
    const reports = join(disk, 'reports');
    mkdirSync(reports);
    copyFileSync(join(repositoryRoot, 'data/reports/001_f8b6fe307ef2b7ed.txt'), join(reports, '001_f8b6fe307ef2b7ed.txt'));
    const diskEnv = { DATA_DIR: join(disk, 'data'), INDEX_DIR: join(disk, 'index'), REPORTS_DIR: reports, EMBEDDING_PROVIDER: 'none' };
    server = await startServer({ indexDir: diskEnv.INDEX_DIR, env: diskEnv });
    const before = inspectIndex(diskEnv.INDEX_DIR);
    expect(before.documents).toHaveLength(1);

    // Fill the disk but for a few kilobytes.
    const { bavail, bsize } = statfsSync(disk);
    writeFileSync(join(disk, 'filler'), new Uint8Array(Math.max(0, bavail * bsize - 24 * 1024)));
    const big = makeLargeReport('西安市', 2023, 400);
    const upload = () => {
      const form = new FormData();
      form.append('files', new File([big], '西安市2023年报告.txt'));
      return fetch(`${server!.url}/api/documents`, { method: 'POST', body: form });
    };
    const refused = await upload();
    expect(refused.status).toBe(507);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('STORAGE_FULL');
    expect(body.error.message).toContain('磁盘空间不足');
    expect(body.error.message).not.toContain(disk);

    expect(inspectIndex(diskEnv.INDEX_DIR)).toEqual(before);
    const uploads = join(diskEnv.DATA_DIR, 'uploads');
    expect(existsSync(uploads) ? readdirSync(uploads) : []).toEqual([]);
    const search = await post('/api/search', { query: '行政复议', topK: 3 });
    expect(search.status).toBe(200);

    rmSync(join(disk, 'filler'));
    const accepted = await upload();
    expect(accepted.status).toBe(201);
    const after = inspectIndex(diskEnv.INDEX_DIR);
    expect(after.problems).toEqual([]);
    expect(after.documents).toHaveLength(2);
  });
});
