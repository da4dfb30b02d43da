// Scoped search shortcuts give what the plain ways give: FTS5 per run of ids = the join, exact scan = the graph's ranking.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexCore } from './index-core.js';
import { ReportIndex } from './report-index.js';
import { exactSearch, searchCache } from './search-cache.js';
import { keywordSearchInScope, POSTINGS_BUDGET, selectiveTokens } from './search-index.js';
import { FakeBigramEmbeddings, reportsDir, temporaryDir } from './testing/index.js';

let dir: string;
let index: ReportIndex;
let core: IndexCore;
/** Counts the queries it embeds. */
class CountingEmbeddings extends FakeBigramEmbeddings {
  queries = 0;
  override async embedQuery(document: string): Promise<number[]> {
    this.queries += 1;
    return super.embedQuery(document);
  }
}
const embeddings = new CountingEmbeddings();

beforeAll(async () => {
  dir = temporaryDir('retrieval-cache-');
  index = await ReportIndex.open(dir, { embeddings });
  await index.indexReports(reportsDir);
  core = new IndexCore(dir, true);
});

afterAll(async () => {
  core?.close();
  await index?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ids = (regions: string[]) => new Set(index.documents().filter((document) => regions.includes(document.metadata.region ?? '')).map((document) => document.id));

describe('searchCache', () => {
  it('keeps a scope as runs of consecutive ids covering exactly its passages, with their unit vectors', () => {
    const docIds = ids(['海东市', '西宁市']);
    const scope = searchCache(core).scopePassages(docIds, embeddings.dimensions);
    const fromRuns = new Set<number>();
    for (let run = 0; run < scope.runs.length; run += 2) for (let label = scope.runs[run]!; label <= scope.runs[run + 1]!; label++) fromRuns.add(label);
    expect(fromRuns).toEqual(scope.labels);
    expect(scope.runs.length / 2).toBeLessThanOrEqual(docIds.size);
    expect(scope.order).toHaveLength(scope.labels.size);
    const first = scope.vectors!.subarray(0, embeddings.dimensions);
    expect(Math.hypot(...first)).toBeCloseTo(1, 5);
  });

  it('finds in a scope, through rowid ranges, the hits the join of the whole corpus finds', () => {
    const docIds = ids(['海西蒙古族藏族自治州', '西宁市城东区']);
    const scope = searchCache(core).scopePassages(docIds, null);
    for (const match of ['"行政复议"', '"法律援助" OR "挽回" OR "经济损失"', '"普法" OR "宣传" OR "活动"']) {
      const joined = core.store.keywordSearch(match, 20, docIds);
      const perRun = keywordSearchInScope(core, match, 20, scope, docIds);
      expect(joined.length).toBeGreaterThan(0);
      expect(perRun.map((hit) => hit.label).sort()).toEqual(joined.map((hit) => hit.label).sort());
      expect(perRun.map((hit) => hit.score)).toEqual([...perRun.map((hit) => hit.score)].sort((a, b) => a - b));
    }
  });

  it('ranks a small scope by exact cosine as the graph ranks it with a filter', async () => {
    const docIds = ids(['海东市']);
    const scope = searchCache(core).scopePassages(docIds, embeddings.dimensions);
    const query = await embeddings.embedQuery('海东市2020年收到多少件行政复议申请');
    const exact = exactSearch(scope, query, 10);
    const graph = core.vectors!.search(query, 10, (label) => scope.labels.has(label));
    expect(exact.map((hit) => hit.label)).toEqual(graph.map((hit) => hit.label));
    exact.forEach((hit, position) => expect(hit.similarity).toBeCloseTo(graph[position]!.similarity, 4));
  });

  it('reuses a query vector handed down from an earlier search instead of embedding the question again', async () => {
    const question = '海东市2020年收到多少件行政复议申请';
    const first = await index.search(question, { topK: 5 });
    expect(first.queryVector).toHaveLength(embeddings.dimensions);
    const before = embeddings.queries;
    const again = await index.search(question, { topK: 5, queryVector: first.queryVector });
    expect(embeddings.queries).toBe(before);
    expect(again.results.map((result) => result.chunkId)).toEqual(first.results.map((result) => result.chunkId));
  });

  it('starts again when the index changes', async () => {
    const before = searchCache(core).passageCount();
    const frequencies = searchCache(core).documentFrequencies(['行政复议', '不存在的词']);
    expect(frequencies.get('行政复议')).toBeGreaterThan(0);
    expect(frequencies.get('不存在的词')).toBe(0);
    const removed = index.documents().find((document) => document.metadata.region === '海东市')!;
    expect(index.removeDocument(removed.id)).toBe(true);
    core.refresh();
    expect(searchCache(core).passageCount()).toBe(before - removed.passages);
    expect(searchCache(core).documentFrequencies(['行政复议']).get('行政复议')).toBeLessThan(frequencies.get('行政复议')!);
  });
});

describe('selectiveTokens', () => {
  const corpus = (passages: number, frequencies: Record<string, number>) => ({
    passageCount: () => passages,
    documentFrequencies: (tokens: string[]) => new Map(tokens.map((token) => [token, frequencies[token] ?? 0])),
  });

  it('keeps every token a small corpus knows, below a fifth of its passages', () => {
    const small = corpus(140, { 行政: 90, 复议: 12, 行政复议: 12, 申请: 20, 海东: 30 });
    expect(selectiveTokens(small, ['行政', '复议', '行政复议', '申请', '海东', '未知'])).toEqual(['复议', '行政复议', '申请', '海东']);
  });

  it('keeps the rarest tokens of a large corpus until their postings reach the budget, at least three', () => {
    const large = corpus(100_000, { 行政: 72_000, 执法: 18_000, 三项: 5_700, 三项制度: 5_700, 公示: 3_600, 记录: 2_100, 审核: 4_300 });
    const kept = selectiveTokens(large, ['行政', '执法', '三项', '三项制度', '公示', '记录', '审核']);
    // 记录 2,100 + 公示 3,600 + 审核 4,300 + 三项 5,700 = 15,700; the next 5,700 would pass 20,000.
    expect(kept).toEqual(['三项', '公示', '记录', '审核']);
    expect(POSTINGS_BUDGET).toBe(20_000);
    const common = corpus(100_000, { 行政: 72_000, 政府: 65_000, 工作: 60_000, 情况: 42_000 });
    expect(selectiveTokens(common, ['行政', '政府', '工作', '情况'])).toEqual(['政府', '工作', '情况']);
  });
});
