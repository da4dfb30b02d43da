// The PostgreSQL store against a private cluster: same results as the embedded store, atomic commits, visibility across instances.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipPostgresTests, startPrivatePostgres, type PrivatePostgres } from '../../../../tests/support/private-postgres.js';
import { ReportIndex } from '../report-index.js';
import { FakeBigramEmbeddings, reportsDir, temporaryDir } from '../testing/index.js';
import { copyIndexToPostgres } from './copy-index-to-postgres.js';

const skip = skipPostgresTests();
let cluster: PrivatePostgres | null = null;
const cleanup: string[] = [];

beforeAll(async () => {
  if (!skip) cluster = await startPrivatePostgres();
});
afterAll(() => {
  cluster?.stop();
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

const QUESTIONS = ['行政复议案件', '法律援助', '海东市2020年收到多少件行政复议申请', '行政执法三项制度', '西宁和海西在法治宣传上各有什么做法', '负责人出庭应诉'];

describe.skipIf(skip)('PostgreSQL store', () => {
  it('ranks like the embedded store, after ingesting and after copying the embedded index', async () => {
    const embeddings = new FakeBigramEmbeddings();
    const dir = temporaryDir('pg-embedded-');
    cleanup.push(dir);
    const embedded = await ReportIndex.open(dir, { embeddings });
    await embedded.indexReports(reportsDir);
    const ingested = await ReportIndex.open('', { embeddings, databaseUrl: cluster!.createDatabase('ingested') });
    const summary = await ingested.indexReports(reportsDir);
    expect(summary.added).toHaveLength(5);
    expect(ingested.stats()).toMatchObject({ store: 'postgres', documents: 5, passages: embedded.stats().passages, indexModel: { model: 'bigram-test', dimensions: 64 } });

    const copiedUrl = cluster!.createDatabase('copied');
    const copied = await copyIndexToPostgres(dir, copiedUrl);
    expect(copied).toMatchObject({ documents: 5, passages: embedded.stats().passages, vectors: embedded.stats().passages });
    expect(copied.sentenceVectors).toBe(5);
    const fromCopy = await ReportIndex.open('', { embeddings, databaseUrl: copiedUrl });

    for (const mode of ['keyword', 'vector', 'hybrid'] as const) {
      for (const question of QUESTIONS) {
        const expected = (await embedded.search(question, { topK: 5, mode })).results.map((result) => result.chunkId);
        expect(expected.length).toBeGreaterThan(0);
        for (const store of [ingested, fromCopy]) {
          const found = await store.search(question, { topK: 5, mode });
          expect({ mode, question, chunks: found.results.map((result) => result.chunkId) }).toEqual({ mode, question, chunks: expected });
        }
      }
    }
    const first = (await fromCopy.search('法律援助', { topK: 1 })).results[0]!;
    const document = fromCopy.getDocument(first.docId)!;
    expect(document.original.slice(first.start, first.end)).toBe(embedded.getDocument(first.docId)!.original.slice(first.start, first.end));
    expect(fromCopy.sentenceVectors(first.docId)?.vectors).toEqual(embedded.sentenceVectors(first.docId)?.vectors);
    expect(fromCopy.corpus()).toEqual(embedded.corpus());
    await Promise.all([embedded.close(), ingested.close(), fromCopy.close()]);
  });

  it('shows one instance’s upload and delete to another at its next request, and never duplicates a document ingested twice at once', async () => {
    const embeddings = new FakeBigramEmbeddings();
    const url = cluster!.createDatabase('shared');
    const a = await ReportIndex.open('', { embeddings, databaseUrl: url });
    const b = await ReportIndex.open('', { embeddings, databaseUrl: url });
    await a.indexReports(join(reportsDir, '000_2c522bdb5677e79f.txt'));
    expect(b.documents()).toHaveLength(0);
    const hit = await b.search('行政复议', { topK: 1 });
    expect(hit.results).toHaveLength(1);
    expect(b.documents()).toHaveLength(1);

    // Both ingest the same two reports at once: each document exists once, with its passages once.
    const files = [join(reportsDir, '001_f8b6fe307ef2b7ed.txt'), join(reportsDir, '002_108f9e6d3c976853.txt')];
    await Promise.all([a.indexReports(files, { force: true }), b.indexReports(files, { force: true })]);
    await a.refresh();
    expect(a.documents().map((document) => document.source).sort()).toEqual(['000_2c522bdb5677e79f.txt', ...files.map((file) => file.split('/').pop()!)].sort());
    expect(a.stats().passages).toBe(a.documents().reduce((sum, document) => sum + document.passages, 0));

    const removed = a.documents()[0]!;
    expect(await b.deleteDocument(removed.id)).toBe(true);
    await a.refresh();
    expect(a.getDocument(removed.id)).toBeNull();
    const after = await a.search('行政复议', { topK: 20, filters: { docId: removed.id } });
    expect(after.results).toHaveLength(0);
    await Promise.all([a.close(), b.close()]);
  });

  it('refuses a DATABASE_URL it cannot reach, naming the variable', async () => {
    await expect(ReportIndex.open('', { embeddings: null, databaseUrl: 'postgres://nobody@127.0.0.1:1/none' })).rejects.toThrow(/DATABASE_URL/);
  });
});
