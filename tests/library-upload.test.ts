// The report library through the built server's HTTP API: every upload format answered with exact quotes, dedupe, originals on disk, delete and reindex.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askResponseSchema, documentSummarySchema, healthSchema, searchResponseSchema } from '@report-qa/schema';
import { makeUploadFixtures, SCRIPT_MARKER, type UploadFixture } from './support/library-fixtures.js';
import { startServer, type RunningServer } from './support/start-server.js';

const modelDir = process.env.EMBEDDING_MODEL_DIR;
if (!modelDir) console.warn('EMBEDDING_MODEL_DIR is not set: library upload tests run keyword-only');

const dataDir = mkdtempSync(join(tmpdir(), 'report-qa-library-'));
let server: RunningServer;
let fixtures: UploadFixture[];
/** Document id of each fixture kind, once uploaded. */
const uploaded = new Map<string, { id: string; source: string }>();

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const request = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

function upload(files: { name: string; bytes: Uint8Array }[]) {
  const form = new FormData();
  for (const file of files) form.append('files', new File([file.bytes], file.name));
  return request('/api/documents', { method: 'POST', body: form });
}

async function stats(): Promise<{ documents: number; passages: number }> {
  return healthSchema.parse(await (await request('/api/health')).json());
}

const uploadResponse = (body: unknown) =>
  body as { documents: { status: 'added' | 'existing'; source: string; document: { id: string; source: string; passages: number } }[] };

async function original(id: string): Promise<string> {
  const response = await request(`/api/documents/${id}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { original: string }).original;
}

beforeAll(async () => {
  [server, fixtures] = await Promise.all([
    startServer({ indexDir: join(dataDir, 'index'), env: { DATA_DIR: dataDir, ...(modelDir ? {} : { EMBEDDING_PROVIDER: 'none' }) } }),
    makeUploadFixtures(),
  ]);
  if (!fixtures.some((fixture) => fixture.kind === 'pdf')) console.warn('no CJK font installed (fonts-wqy-zenhei): the PDF upload is skipped');
});

afterAll(async () => {
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('uploading every format', () => {
  const kinds = ['txt-utf8', 'txt-gbk', 'md', 'html', 'docx', 'pdf'];

  it.each(kinds)('%s: stored, kept on disk and answered from the upload with exact quotes', async (kind) => {
    const fixture = fixtures.find((candidate) => candidate.kind === kind);
    if (!fixture) return; // PDF without a CJK font, warned above
    const before = (await stats()).documents;
    const response = await upload([fixture]);
    expect(response.status).toBe(201);
    const [outcome] = uploadResponse(await response.json()).documents;
    expect(outcome?.status).toBe('added');
    const { id, source } = outcome!.document;
    uploaded.set(kind, { id, source });
    expect((await stats()).documents).toBe(before + 1);

    // The original bytes are kept as uploaded, under the stored name.
    expect(new Uint8Array(readFileSync(join(dataDir, 'uploads', source)))).toEqual(fixture.bytes);

    const text = await original(id);
    const figure = `行政复议申请${fixture.variant.reviews}件`;
    expect(text).toContain(figure);
    expect(text).toContain(fixture.variant.region);

    const answer = askResponseSchema.parse(await (await request('/api/ask', json({ question: fixture.variant.question, mode: 'extractive' }))).json());
    expect(answer.notFound).toBe(false);
    expect(answer.answer).toContain(`${fixture.variant.reviews}件`);
    expect(answer.citations.length).toBeGreaterThan(0);
    const supporting = answer.citations.find((citation) => citation.quote.includes(String(fixture.variant.reviews)));
    expect(supporting?.docId).toBe(id);
    for (const citation of answer.citations) {
      expect(citation.quote).toBe((await original(citation.docId)).slice(citation.start, citation.end));
    }
  });

  it('keeps HTML site chrome and scripts out: text only in the original and in the passages', async () => {
    const html = uploaded.get('html');
    expect(html).toBeDefined();
    const text = await original(html!.id);
    expect(text).not.toContain(SCRIPT_MARKER);
    expect(text).not.toMatch(/<\/?(?:script|p|div|a|b|style)\b/i);
    expect(text).not.toContain('document.cookie');
    const search = searchResponseSchema.parse(await (await request('/api/search', json({ query: `白银市 ${SCRIPT_MARKER} document.cookie`, topK: 20 }))).json());
    for (const result of search.results) {
      expect(result.text).not.toContain(SCRIPT_MARKER);
      expect(result.text).not.toContain('evil.example');
    }
    expect(search.results.some((result) => result.docId === html!.id)).toBe(true);
  });

  it('gives back the existing document when the same content is uploaded again, under any name', async () => {
    const fixture = fixtures.find((candidate) => candidate.kind === 'txt-utf8')!;
    const first = uploaded.get('txt-utf8')!;
    const before = (await stats());
    const response = await upload([{ name: 'copy-of-zhangye.txt', bytes: fixture.bytes }]);
    expect(response.status).toBe(200);
    const [outcome] = uploadResponse(await response.json()).documents;
    expect(outcome).toMatchObject({ status: 'existing', document: { id: first.id, source: first.source } });
    expect((await stats())).toMatchObject({ documents: before.documents, passages: before.passages });
    expect(readdirSync(join(dataDir, 'uploads'))).not.toContain('copy-of-zhangye.txt');
    const list = documentSummarySchema.array().parse(await (await request('/api/documents')).json());
    expect(list.filter((document) => document.region?.includes('张掖'))).toHaveLength(1);
  });

  it('recognises a second upload of every format as the document already there', async () => {
    const before = await stats();
    for (const fixture of fixtures) {
      const response = await upload([{ name: `again-${fixture.name}`, bytes: fixture.bytes }]);
      expect(response.status, fixture.kind).toBe(200);
      const [outcome] = uploadResponse(await response.json()).documents;
      expect(outcome, fixture.kind).toMatchObject({ status: 'existing', document: { id: uploaded.get(fixture.kind)!.id } });
    }
    expect(await stats()).toMatchObject({ documents: before.documents, passages: before.passages });
  });

  it('stores two different reports of the same name under two names', async () => {
    const other = fixtures.find((candidate) => candidate.kind === 'md')!;
    const first = uploaded.get('txt-utf8')!;
    const bytes = new TextEncoder().encode(other.variant.text.replaceAll(String(other.variant.reviews), '9191'));
    const response = await upload([{ name: first.source, bytes }]);
    expect(response.status).toBe(201);
    const [outcome] = uploadResponse(await response.json()).documents;
    expect(outcome?.source).not.toBe(first.source);
    expect(new Uint8Array(readFileSync(join(dataDir, 'uploads', first.source)))).toEqual(fixtures.find((f) => f.kind === 'txt-utf8')!.bytes);
    expect(await original(first.id)).toContain('行政复议申请317件');
    const removed = await request(`/api/documents/${outcome!.document.id}`, { method: 'DELETE' });
    expect(removed.status).toBe(200);
  });
});

describe('reindex and delete', () => {
  it('reindexes an uploaded report from its kept text and still answers from it', async () => {
    const docx = uploaded.get('docx')!;
    const fixture = fixtures.find((candidate) => candidate.kind === 'docx')!;
    const passagesBefore = (await stats()).passages;
    const response = await request(`/api/documents/${docx.id}/reindex`, { method: 'POST' });
    expect(response.status).toBe(200);
    const summary = documentSummarySchema.parse(await response.json());
    expect(summary.source).toBe(docx.source);
    expect((await stats()).passages).toBe(passagesBefore);
    const answer = askResponseSchema.parse(await (await request('/api/ask', json({ question: fixture.variant.question, mode: 'extractive' }))).json());
    expect(answer.answer).toContain(`${fixture.variant.reviews}件`);
    expect(answer.citations.some((citation) => citation.docId === summary.id)).toBe(true);
  });

  it('deletes a report: gone from the list, from search, from answers and from uploads/', async () => {
    const gbk = uploaded.get('txt-gbk')!;
    const fixture = fixtures.find((candidate) => candidate.kind === 'txt-gbk')!;
    const searchBody = json({ query: '酒泉市2023年行政复议申请', topK: 10 });
    const before = searchResponseSchema.parse(await (await request('/api/search', searchBody)).json());
    expect(before.results.some((result) => result.docId === gbk.id)).toBe(true);

    const response = await request(`/api/documents/${gbk.id}`, { method: 'DELETE' });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deleted: gbk.id });

    const list = documentSummarySchema.array().parse(await (await request('/api/documents')).json());
    expect(list.some((document) => document.id === gbk.id)).toBe(false);
    expect((await request(`/api/documents/${gbk.id}`)).status).toBe(404);
    const after = searchResponseSchema.parse(await (await request('/api/search', json({ query: '酒泉市2023年行政复议申请', topK: 10 }))).json());
    expect(after.results.some((result) => result.docId === gbk.id)).toBe(false);
    expect(after.results.some((result) => result.text.includes(`${fixture.variant.reviews}件`))).toBe(false);
    const answer = askResponseSchema.parse(await (await request('/api/ask', json({ question: fixture.variant.question, mode: 'extractive' }))).json());
    expect(answer.answer).not.toContain(`${fixture.variant.reviews}件`);
    expect(existsSync(join(dataDir, 'uploads', gbk.source))).toBe(false);
    expect((await request(`/api/documents/${gbk.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('keeps the sample reports and the other uploads untouched', async () => {
    const list = documentSummarySchema.array().parse(await (await request('/api/documents')).json());
    expect(list.filter((document) => document.source.endsWith('.txt') && /^00\d_/.test(document.source))).toHaveLength(5);
    for (const [kind, { id }] of uploaded) {
      if (kind === 'txt-gbk') continue;
      expect(list.some((document) => document.id === id || document.source === uploaded.get(kind)!.source)).toBe(true);
    }
  });
});
