// The index on disk: round trip, incremental ingest, removal, model checks and keyword-only mode.
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportIndex } from './report-index.js';
import { EmbeddingModelMismatchError } from './retrieval-error.js';
import { FakeBigramEmbeddings, reportsDir, temporaryDir } from './testing/index.js';

const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

function copyOfReports(names?: string[]): string {
  const dir = temporaryDir('retrieval-reports-');
  cleanup.push(dir);
  for (const name of names ?? readdirSync(reportsDir).filter((file) => file.endsWith('.txt'))) {
    copyFileSync(join(reportsDir, name), join(dir, name));
  }
  return dir;
}

function indexDir(): string {
  const dir = temporaryDir('retrieval-index-');
  cleanup.push(dir);
  return dir;
}

describe('ReportIndex persistence', () => {
  it('gives the same results after closing and reopening', async () => {
    const dir = indexDir();
    const embeddings = new FakeBigramEmbeddings();
    const index = await ReportIndex.open(dir, { embeddings });
    const summary = await index.indexReports(reportsDir);
    expect(summary.added).toHaveLength(5);
    expect(index.mode).toBe('hybrid');
    const before = await index.search('行政复议案件', { topK: 5 });
    expect(before.results.length).toBe(5);
    const stats = index.stats();
    await index.close();

    const reopened = await ReportIndex.open(dir, { embeddings });
    expect(reopened.stats()).toMatchObject({ documents: stats.documents, passages: stats.passages, indexModel: { model: 'bigram-test', dimensions: 64 } });
    const after = await reopened.search('行政复议案件', { topK: 5 });
    expect(after.results.map((result) => result.chunkId)).toEqual(before.results.map((result) => result.chunkId));
    const document = reopened.getDocument(before.results[0]!.docId)!;
    expect(document.original.slice(before.results[0]!.start, before.results[0]!.end).length).toBeGreaterThan(0);
    expect(reopened.corpus().years).toEqual([2017, 2020, 2021, 2022]);
    await reopened.close();
  });

  it('rebuilds a missing vector file from the vectors kept in SQLite', async () => {
    const dir = indexDir();
    const embeddings = new FakeBigramEmbeddings();
    const index = await ReportIndex.open(dir, { embeddings });
    await index.indexReports(reportsDir);
    const before = await index.search('法律援助', { topK: 3, mode: 'vector' });
    await index.close();
    for (const name of readdirSync(dir).filter((file) => file.endsWith('.hnsw'))) rmSync(join(dir, name));
    const reopened = await ReportIndex.open(dir, { embeddings });
    const after = await reopened.search('法律援助', { topK: 3, mode: 'vector' });
    expect(after.results.map((result) => result.chunkId)).toEqual(before.results.map((result) => result.chunkId));
    await reopened.close();
  });

  it('refuses to mix embedding models', async () => {
    const dir = indexDir();
    const index = await ReportIndex.open(dir, { embeddings: new FakeBigramEmbeddings() });
    await index.indexReports(join(reportsDir, '000_2c522bdb5677e79f.txt'));
    await index.close();
    await expect(ReportIndex.open(dir, { embeddings: new FakeBigramEmbeddings({ model: 'other', dimensions: 32 }) })).rejects.toThrow(
      EmbeddingModelMismatchError,
    );
    // Keyword-only still reads it, but cannot add passages without vectors.
    const keywordOnly = await ReportIndex.open(dir, { embeddings: null });
    expect((await keywordOnly.search('行政复议')).results.length).toBeGreaterThan(0);
    await expect(keywordOnly.indexReports(join(reportsDir, '001_f8b6fe307ef2b7ed.txt'))).rejects.toThrow(/重建索引/);
    await keywordOnly.close();
  });
});

describe('ReportIndex readers and writers', () => {
  it('lets a read-only reader see what another connection commits, on its next search', async () => {
    const dir = indexDir();
    const embeddings = new FakeBigramEmbeddings();
    const writer = await ReportIndex.open(dir, { embeddings });
    await writer.indexReports(join(reportsDir, '000_2c522bdb5677e79f.txt'));
    const reader = await ReportIndex.open(dir, { embeddings, readOnly: true });
    expect(reader.documents()).toHaveLength(1);
    await writer.indexReports(join(reportsDir, '002_108f9e6d3c976853.txt'));
    const response = await reader.search('海西州法律援助', { topK: 3, mode: 'vector' });
    expect(response.results[0]!.source).toBe('002_108f9e6d3c976853.txt');
    expect(reader.documents()).toHaveLength(2);
    await expect(reader.indexReports(reportsDir)).rejects.toThrow(/只读/);
    await reader.close();
    await writer.close();
  });
});

describe('ReportIndex incremental ingest', () => {
  it('skips unchanged files, replaces changed ones and removes deleted ones', async () => {
    const reports = copyOfReports();
    const index = await ReportIndex.open(indexDir(), { embeddings: new FakeBigramEmbeddings() });
    const first = await index.indexReports(reports);
    expect(first.added).toHaveLength(5);

    const events: string[] = [];
    const unchanged = await index.indexReports(reports, { onProgress: (progress) => events.push(progress.phase) });
    expect(unchanged).toMatchObject({ added: [], updated: [], removed: [] });
    expect(unchanged.unchanged).toHaveLength(5);
    expect(events.filter((phase) => phase === 'skip')).toHaveLength(5);

    const changed = join(reports, '004_21f6359df466e4c8.txt');
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\n城东区另设独角兽调解工作室专门调处邻里纠纷。\n`);
    rmSync(join(reports, '002_108f9e6d3c976853.txt'));
    const second = await index.indexReports(reports);
    expect(second.updated).toHaveLength(1);
    expect(second.removed).toHaveLength(1);
    expect(second.unchanged).toHaveLength(3);
    expect(index.documents().map((document) => document.source)).not.toContain('002_108f9e6d3c976853.txt');

    const found = await index.search('独角兽调解工作室', { mode: 'keyword', topK: 1 });
    expect(found.results[0]!.source).toBe('004_21f6359df466e4c8.txt');
    expect((await index.search('海西州法律援助', { topK: 5 })).results.every((result) => result.source !== '002_108f9e6d3c976853.txt')).toBe(true);
    const passages = index.stats().passages;
    expect(passages).toBe(index.documents().reduce((sum, document) => sum + document.passages, 0));

    const removedId = index.documents()[0]!.id;
    expect(index.removeDocument(removedId)).toBe(true);
    expect(index.removeDocument(removedId)).toBe(false);
    expect(index.getDocument(removedId)).toBeNull();
    expect((await index.search('行政复议', { topK: 50, filters: { docId: removedId } })).results).toEqual([]);
    await index.close();
  });

  it('adds an uploaded report and replaces it under the same name', async () => {
    const index = await ReportIndex.open(indexDir(), { embeddings: null });
    const text = readFileSync(join(reportsDir, '001_f8b6fe307ef2b7ed.txt'));
    const added = await index.addReport(text, 'upload.txt');
    expect(added.added).toHaveLength(1);
    const replaced = await index.addReport(`${text.toString('utf8')}\n新增一段关于麒麟阁普法讲堂的内容。\n`, 'upload.txt');
    expect(replaced.updated).toEqual(added.added);
    expect(index.documents()).toHaveLength(1);
    expect((await index.search('麒麟阁普法讲堂', { topK: 1 })).results[0]!.text).toContain('麒麟阁');
    await index.close();
  });
});

describe('ReportIndex keyword-only mode', () => {
  it('falls back to keywords when the model folder is empty, and still answers 行政复议 questions', async () => {
    const emptyModels = indexDir();
    mkdirSync(join(emptyModels, 'nothing-here'));
    const index = await ReportIndex.open(indexDir(), { embeddings: { provider: 'local', modelDir: emptyModels } });
    expect(index.mode).toBe('keyword');
    expect(index.stats().embeddingError).toMatch(/找不到本地嵌入模型/);
    await index.indexReports(reportsDir);
    const response = await index.search('海东市2020年一共收到多少件行政复议申请？');
    expect(response.mode).toBe('keyword');
    expect(response.results[0]!.source).toBe('000_2c522bdb5677e79f.txt');
    expect(response.results.some((result) => result.text.includes('行政复议'))).toBe(true);
    await index.close();
  });
});
