// A killed ingest (kill -9 in the middle) leaves the last committed index loadable and consistent.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportIndex } from './report-index.js';
import { FakeBigramEmbeddings, repositoryRoot, reportsDir, temporaryDir } from './testing/index.js';

const packageDir = join(repositoryRoot, 'packages/retrieval');
const distIndex = join(packageDir, 'dist/index.js');
const dirs: string[] = [];

/** The child runs the built package (a child process cannot load TypeScript): build it when stale. */
function ensureBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(...readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => statSync(join(entry.parentPath, entry.name)).mtimeMs));
  const build = (pkg: string) => spawnSync('npx', ['tsc', '-p', `packages/${pkg}/tsconfig.build.json`], { cwd: repositoryRoot, stdio: 'ignore' });
  if (!existsSync(join(repositoryRoot, 'packages/parser/dist/index.js'))) build('parser');
  if (!existsSync(distIndex) || newest(join(packageDir, 'src')) > statSync(distIndex).mtimeMs) build('retrieval');
}

// Same bigram embeddings as the tests' FakeBigramEmbeddings, wide enough that writing the graph takes a while.
const CHILD = `
import { Embeddings } from '@langchain/core/embeddings';
const { ReportIndex } = await import(process.env.DIST_URL);
class Bigram extends Embeddings {
  constructor() { super({}); this.model = 'bigram-test'; this.dimensions = 64; }
  vector(text) {
    const v = new Array(64).fill(0);
    for (let i = 0; i + 1 < text.length; i++) v[(text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) % 64] += 1;
    const n = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
    return v.map((x) => x / n);
  }
  async embedDocuments(texts) { return texts.map((t) => this.vector(t)); }
  async embedQuery(text) { return this.vector(text); }
}
const index = await ReportIndex.open(process.env.INDEX_DIR, { embeddings: new Bigram() });
const files = JSON.parse(process.env.FILES);
for (let round = 0; ; round++) {
  await index.indexReports(files, { force: true, batchPassages: 1, onProgress: (p) => { if (p.phase === 'index') process.stdout.write('committed\\n'); } });
}
`;

const vectorFiles = (dir: string) => readdirSync(dir).filter((name) => name.includes('.hnsw'));

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('killed ingest', () => {
  it('leaves the previous index loadable after kill -9 at several points', async () => {
    const dir = temporaryDir('retrieval-killed-');
    dirs.push(dir);
    const embeddings = new FakeBigramEmbeddings();
    const first = await ReportIndex.open(dir, { embeddings });
    await first.indexReports([join(reportsDir, '000_2c522bdb5677e79f.txt'), join(reportsDir, '001_f8b6fe307ef2b7ed.txt')]);
    await first.close();
    const files = readdirSync(reportsDir).filter((name) => name.endsWith('.txt')).map((name) => join(reportsDir, name));

    const rounds = [1, 3, 7];
    for (const [round, commitsBeforeKill] of rounds.entries()) {
      const child = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
        cwd: packageDir,
        env: { ...process.env, DIST_URL: pathToFileURL(distIndex).href, INDEX_DIR: dir, FILES: JSON.stringify(files) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      await new Promise<void>((resolve, reject) => {
        let commits = 0;
        child.stdout.on('data', (chunk: Buffer) => {
          commits += chunk.toString().split('committed').length - 1;
          // Kill a few milliseconds into the next write, not right at a commit boundary.
          if (commits >= commitsBeforeKill) setTimeout(() => child.kill('SIGKILL'), commitsBeforeKill * 3);
        });
        child.on('exit', () => resolve());
        child.on('error', reject);
        setTimeout(() => reject(new Error(`child made no progress: ${stderr}`)), 60_000);
      });

      const reopened = await ReportIndex.open(dir, { embeddings });
      const stats = reopened.stats();
      const documents = reopened.documents();
      expect(documents.length).toBeGreaterThanOrEqual(2);
      expect(stats.passages).toBe(documents.reduce((sum, document) => sum + document.passages, 0));
      const response = await reopened.search('行政复议', { topK: 5, mode: 'vector' });
      expect(response.results).toHaveLength(5);
      // The committed graph, plus at most one file from each killed writer (written and not committed, or committed
      // with its predecessor not yet removed): a file that recent may be another writer's, about to commit.
      expect(vectorFiles(dir).length).toBeLessThanOrEqual(2 + round);
      await reopened.close();
    }
    // Once they are older than a writer could still be working on them, opening removes them all but the committed one.
    // (One more, half-written, so there is always something to remove.)
    writeFileSync(join(dir, 'vectors-999.hnsw.tmp-1'), 'half-written');
    const old = new Date(Date.now() - 60 * 60_000);
    for (const name of vectorFiles(dir)) utimesSync(join(dir, name), old, old);
    const cleaned = await ReportIndex.open(dir, { embeddings });
    expect(vectorFiles(dir)).toHaveLength(1);
    expect((await cleaned.search('行政复议', { topK: 5, mode: 'vector' })).results).toHaveLength(5);
    await cleaned.close();
  });
});
