// Ranking with the real local model: one index over the samples, shared by every case in this file.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalEmbeddings } from './local-embeddings.js';
import { ReportIndex } from './report-index.js';
import { modelDir, modelSkipMessage, reportsDir, temporaryDir } from './testing/index.js';
import type { RetrievalMode } from './types.js';

const HAIDONG = '000_2c522bdb5677e79f.txt';
let embeddings: LocalEmbeddings;
let index: ReportIndex;
let dir: string;

if (!modelDir) console.warn(modelSkipMessage);

describe.skipIf(!modelDir)('hybrid search with bge-small-zh-v1.5', () => {
  beforeAll(async () => {
    embeddings = await LocalEmbeddings.create({ modelDir });
    dir = temporaryDir('retrieval-hybrid-');
    index = await ReportIndex.open(dir, { embeddings });
    await index.indexReports(reportsDir);
  });
  afterAll(async () => {
    await index?.close();
    await embeddings?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** 1-based rank of the first passage of `source` containing `needle` (spaces ignored), or Infinity. */
  async function rankOf(query: string, mode: RetrievalMode, source: string, needle: string): Promise<number> {
    const { results } = await index.search(query, { topK: 40, mode, inferFilters: false });
    const at = results.findIndex((result) => result.source === source && result.text.replace(/\s/g, '').includes(needle));
    return at < 0 ? Infinity : at + 1;
  }

  it('embeds into unit vectors, queries with the bge instruction, off the main thread', async () => {
    const [document] = await embeddings.embedDocuments(['行政复议']);
    const query = await embeddings.embedQuery('行政复议');
    expect(document).toHaveLength(512);
    expect(Math.hypot(...document!)).toBeCloseTo(1, 4);
    expect(query).not.toEqual(document);
    // The event loop keeps ticking while a large batch is embedded in the worker.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    await embeddings.embedDocuments(Array.from({ length: 48 }, (_, n) => `第${n}条：全面推进依法行政，加强行政执法监督。`.repeat(4)));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(5);
  });

  it('finds an exact rare term by keyword where meaning alone misses it', async () => {
    const keyword = await rankOf('青小律', 'keyword', HAIDONG, '青小律');
    const vector = await rankOf('青小律', 'vector', HAIDONG, '青小律');
    expect(keyword).toBe(1);
    expect(vector).toBeGreaterThan(keyword + 3);
    expect(await rankOf('青小律', 'hybrid', HAIDONG, '青小律')).toBeLessThanOrEqual(2);
  });

  it('finds a paraphrase by meaning where keywords miss it', async () => {
    // Few words of it are the reports' or the thesaurus' (which maps 打官司 to 诉讼, letting keywords find that too).
    const query = '海东政府的参谋律师们陪着政府上了多少回法庭';
    const vector = await rankOf(query, 'vector', HAIDONG, '参与政府行政诉讼案件180件');
    const keyword = await rankOf(query, 'keyword', HAIDONG, '参与政府行政诉讼案件180件');
    expect(vector).toBeLessThanOrEqual(5);
    expect(keyword).toBeGreaterThan(vector);
  });

  it('applies the region and year a question names, and says what the corpus lacks', async () => {
    const haidong = await index.search('急～海东市2020年一共收到多少件行政复议申请？领导等着要');
    expect(haidong.scope.filters).toEqual({ region: ['海东市'], year: [2020] });
    expect(haidong.results.every((result) => result.source === HAIDONG)).toBe(true);
    expect(haidong.results.slice(0, 3).some((result) => result.text.includes('行政复议'))).toBe(true);

    const xining = await index.search('西宁第五次规范性文件清理废止了多少件', { topK: 10 });
    expect(new Set(xining.results.map((result) => result.region))).not.toContain('海东市');

    const beijing = await index.search('北京市2020年行政复议收了多少件');
    expect(beijing.scope.missing.regions).toEqual(['北京市']);
  });

  it('gives each region of a comparison a place in the top five', async () => {
    const { results } = await index.search('湟中区和海西州人民调解成功率各是多少？', { topK: 5 });
    const regions = new Set(results.map((result) => result.region));
    expect(regions).toEqual(new Set(['西宁市湟中区', '海西蒙古族藏族自治州']));
    // Comparing without naming regions: every report gets its best passage in.
    const across = await index.search('各地的行政复议工作对比一下', { topK: 5 });
    expect(new Set(across.results.map((result) => result.docId)).size).toBe(5);
  });
});
