// `report-qa ingest <folder>` with every format through the built CLI: one unreadable file is reported and does not stop the others.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePdfWithoutText } from '@report-qa/formats/testing';
import { askResponseSchema, healthSchema } from '@report-qa/schema';
import { makeUploadFixtures, type UploadFixture } from './support/library-fixtures.js';
import { inspectIndex, runCli } from './support/library-index.js';
import { startServer } from './support/start-server.js';

const root = mkdtempSync(join(tmpdir(), 'report-qa-cli-ingest-'));
const folder = join(root, 'reports');
// Keyword-only keeps this fast; retrieval with the model is covered by the upload tests.
const env = { DATA_DIR: join(root, 'data'), INDEX_DIR: join(root, 'index'), REPORTS_DIR: join(root, 'no-reports-folder'), EMBEDDING_PROVIDER: 'none' };
let fixtures: UploadFixture[];

beforeAll(async () => {
  fixtures = await makeUploadFixtures();
  mkdirSync(folder, { recursive: true });
  for (const fixture of fixtures) writeFileSync(join(folder, `${fixture.kind}-${fixture.name}`), fixture.bytes);
  // Sorted first among the binary files, so a stop at the first failure would lose all the others.
  writeFileSync(join(folder, 'a-scan.pdf'), await makePdfWithoutText(1));
  writeFileSync(join(folder, 'README.md'), '# not a report\n');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('report-qa ingest <folder>', () => {
  it('indexes every readable format, names the scanned PDF in Chinese and exits non-zero', async () => {
    const result = await runCli(['ingest', folder], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 个文件未能导入');
    expect(result.stderr).toContain('a-scan.pdf：该PDF没有文字层，请先进行文字识别');
    const snapshot = inspectIndex(env.INDEX_DIR);
    expect(snapshot.problems).toEqual([]);
    expect(snapshot.documents.map((document) => document.source).sort()).toEqual(fixtures.map((fixture) => `${fixture.kind}-${fixture.name}`).sort());
  });

  it('answers from the files that the CLI reads differently (GBK, HTML, DOCX, PDF)', async () => {
    for (const fixture of fixtures.filter((candidate) => ['txt-gbk', 'html', 'docx', 'pdf'].includes(candidate.kind))) {
      const result = await runCli(['ask', '--json', '--mode', 'extractive', fixture.variant.question], env);
      expect(result.code, result.stderr).toBe(0);
      const answer = askResponseSchema.parse(JSON.parse(result.stdout));
      expect(answer.answer, fixture.kind).toContain(`${fixture.variant.reviews}件`);
      expect(answer.citations.some((citation) => citation.source === `${fixture.kind}-${fixture.name}` && citation.quote.includes(String(fixture.variant.reviews)))).toBe(true);
    }
  });

  it('starts the server on a reports folder holding an unreadable file, with a warning naming it', async () => {
    const server = await startServer({ indexDir: env.INDEX_DIR, env: { ...env, REPORTS_DIR: folder } });
    try {
      const health = healthSchema.parse(await (await fetch(`${server.url}/api/health`)).json());
      expect(health.status).toBe('degraded');
      expect(health.documents).toBe(fixtures.length);
      expect(health.warnings.some((warning) => warning.includes('a-scan.pdf') && warning.includes('文字层'))).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('skips everything unchanged on the next run, and exits 0 once the bad file is gone', async () => {
    const before = inspectIndex(env.INDEX_DIR);
    rmSync(join(folder, 'a-scan.pdf'));
    const result = await runCli(['ingest', '--json', folder], env);
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout) as { added: string[]; unchanged: string[]; removed: string[] };
    expect(summary).toMatchObject({ added: [], removed: [] });
    expect(summary.unchanged).toHaveLength(fixtures.length);
    expect(inspectIndex(env.INDEX_DIR)).toEqual(before);
  });
});
