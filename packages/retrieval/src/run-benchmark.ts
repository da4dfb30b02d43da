// Benchmark: embedding throughput, index build rate, search latency, memory, disk and cold load, on the samples and a synthetic 100k.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import { parseReport } from '@report-qa/parser';
import { describeEmbeddings, type EmbeddingModelInfo } from './described-embeddings.js';
import { sha256 } from './document-id.js';
import { IndexCore } from './index-core.js';
import { DATABASE_FILE, IndexStore, type NewDocument } from './index-store.js';
import { createKeywordTokenizer } from './keyword-tokenizer.js';
import { loadReportTexts } from './load-report-texts.js';
import { passageEmbeddingText, passageKeywordText } from './passage-text.js';
import { DEFAULT_CHUNKING, ReportIndex } from './report-index.js';
import { sha256File } from './sha256-file.js';
import type { RetrievalMode } from './types.js';
import { VectorIndex } from './vector-index.js';
import { benchmarkPostgres } from './postgres/postgres-benchmark.js';

export interface BenchmarkOptions {
  reportsDir: string;
  /** Scratch folder for the benchmark's indexes; emptied first and removed after. */
  workDir: string;
  /** Null measures keyword-only figures. */
  embeddings: Embeddings | null;
  batchSizes?: number[];
  /** Passages embedded per batch-size run (default 64). */
  embedSample?: number;
  /** Also measure the synthetic corpus on PostgreSQL + pgvector (in a scratch schema of this database, dropped after). */
  databaseUrl?: string;
  /** Size of the synthetic corpus (default 100,000; 0 skips it). */
  syntheticPassages?: number;
  /** Queries for latency (default a built-in list of typical questions). */
  queries?: string[];
  /** Searches per latency figure (default 100). */
  searches?: number;
  /**
   * Keep the synthetic index here and reuse it on later runs with the same size (default: built in workDir and
   * removed), so search changes can be measured again without minutes of HNSW building.
   */
  syntheticDir?: string;
  /**
   * Extra figures over an open index, e.g. whole answers (the app measures /api/ask: answering is not retrieval's).
   * Called for the sample index and for the synthetic one.
   */
  measure?: (index: ReportIndex, corpus: 'sample' | 'synthetic', queries: string[]) => Promise<Omit<BenchmarkFigure, 'corpus'>[]>;
  onProgress?: (message: string) => void;
}

export interface BenchmarkFigure {
  corpus: 'sample' | 'synthetic';
  name: string;
  value: number;
  unit: string;
  note?: string;
}

export interface BenchmarkReport {
  figures: BenchmarkFigure[];
  /** What the synthetic corpus is made of, for the printed report. */
  syntheticNote: string;
}

const DEFAULT_QUERIES = [
  '海东市2020年一共收到多少件行政复议申请', '城东区17年普法宣传都开展了哪些活动', '海西州法律援助挽回了多少经济损失',
  '湟中区行政应诉案件多少件', '西宁规范性文件清理废止了多少件', '给政府当参谋的律师帮着打了多少官司',
  '行政执法三项制度落实情况', '双随机一公开抽查的规模', '负责人出庭应诉率', '优化营商环境压缩了多少办事时限',
];

export async function runBenchmark(options: BenchmarkOptions): Promise<BenchmarkReport> {
  const progress = options.onProgress ?? (() => {});
  const figures: BenchmarkFigure[] = [];
  const add = (figure: BenchmarkFigure) => {
    figures.push(figure);
    progress(`${figure.corpus} ${figure.name}: ${round(figure.value)} ${figure.unit}`);
  };
  rmSync(options.workDir, { recursive: true, force: true });
  mkdirSync(options.workDir, { recursive: true });
  const queries = options.queries ?? DEFAULT_QUERIES;
  const searches = options.searches ?? 100;
  const modes: RetrievalMode[] = options.embeddings ? ['hybrid', 'vector', 'keyword'] : ['keyword'];

  // Sample corpus: the passages as ingestion makes them.
  const reports = loadReportTexts(options.reportsDir);
  const parsed = Object.entries(reports).map(([source, text]) => ({ source, report: parseReport(text, { source, ...DEFAULT_CHUNKING }) }));
  const sampleTexts = parsed.flatMap(({ report }) => report.chunks.map((chunk) => passageEmbeddingText(report.metadata, chunk.sectionPath, chunk.text)));

  if (options.embeddings) {
    const embeddings = options.embeddings as Embeddings & { batchSize?: number };
    const sample = sampleTexts.slice(0, options.embedSample ?? 64);
    const original = embeddings.batchSize;
    for (const batchSize of options.batchSizes ?? [1, 8, 16, 32]) {
      if (original !== undefined) embeddings.batchSize = batchSize;
      const started = performance.now();
      for (let offset = 0; offset < sample.length; offset += batchSize) await embeddings.embedDocuments(sample.slice(offset, offset + batchSize));
      add({ corpus: 'sample', name: `embed passages/s (batch ${batchSize})`, value: sample.length / ((performance.now() - started) / 1000), unit: 'passages/s' });
    }
    if (original !== undefined) embeddings.batchSize = original;
  }

  const sampleDir = join(options.workDir, 'sample');
  const ingestStarted = performance.now();
  const index = await ReportIndex.open(sampleDir, { embeddings: options.embeddings });
  const summary = await index.indexReports(options.reportsDir);
  add({ corpus: 'sample', name: 'ingest (parse+embed+index)', value: summary.passages / ((performance.now() - ingestStarted) / 1000), unit: 'passages/s', note: `${summary.passages} passages` });
  for (const mode of modes) add({ ...(await latency(index, queries, searches, mode)), corpus: 'sample' });
  for (const figure of (await options.measure?.(index, 'sample', queries)) ?? []) add({ ...figure, corpus: 'sample' });
  await index.close();
  add({ corpus: 'sample', name: 'index size on disk', value: folderSize(sampleDir) / 2 ** 20, unit: 'MiB' });

  const syntheticCount = options.syntheticPassages ?? 100_000;
  let syntheticNote = 'skipped';
  if (syntheticCount > 0) {
    const model: EmbeddingModelInfo = options.embeddings
      ? { model: describeEmbeddings(options.embeddings).model ?? 'custom', dimensions: describeEmbeddings(options.embeddings).dimensions ?? (await options.embeddings.embedQuery('测试')).length }
      : { model: 'synthetic', dimensions: 512 };
    const realVectors = options.embeddings ? await options.embeddings.embedDocuments(sampleTexts) : [];
    syntheticNote =
      `SYNTHETIC: ${syntheticCount} passages copied round-robin from the ${sampleTexts.length} sample passages into documents of 200 passages, ` +
      `with the samples' real jieba tokens plus one unique token per passage; vectors are ` +
      (options.embeddings ? 'the sample passages\' real vectors plus Gaussian noise (σ=0.02 per dimension), renormalised.' : 'random unit vectors.');
    const syntheticDir = options.syntheticDir ?? join(options.workDir, 'synthetic');
    if (reusableSynthetic(syntheticDir, syntheticCount, model)) {
      progress(`synthetic: reusing the index in ${syntheticDir}`);
    } else {
      rmSync(syntheticDir, { recursive: true, force: true });
      const built = buildSynthetic(syntheticDir, parsed, syntheticCount, model, realVectors, progress);
      add({ corpus: 'synthetic', name: 'SQLite + FTS5 insert', value: syntheticCount / built.insertSeconds, unit: 'passages/s' });
      add({ corpus: 'synthetic', name: 'HNSW build', value: syntheticCount / built.vectorSeconds, unit: 'vectors/s', note: `${model.dimensions}-d, M 16, efConstruction 100` });
    }
    add({ corpus: 'synthetic', name: 'index size on disk', value: folderSize(syntheticDir) / 2 ** 20, unit: 'MiB' });
    const rssBefore = process.memoryUsage().rss;
    const loadStarted = performance.now();
    const synthetic = await ReportIndex.open(syntheticDir, { embeddings: options.embeddings, readOnly: true });
    await synthetic.search(queries[0]!, { mode: modes[0] });
    add({ corpus: 'synthetic', name: 'cold load + first search', value: performance.now() - loadStarted, unit: 'ms' });
    for (const mode of modes) add({ ...(await latency(synthetic, queries, searches, mode)), corpus: 'synthetic' });
    for (const figure of (await options.measure?.(synthetic, 'synthetic', queries)) ?? []) add({ ...figure, corpus: 'synthetic' });
    await synthetic.close();
    const fresh = loadInFreshProcess(syntheticDir);
    if (fresh) {
      add({ corpus: 'synthetic', name: 'cold load in a new process', value: fresh.loadMs, unit: 'ms', note: 'open SQLite + read the HNSW graph' });
      add({ corpus: 'synthetic', name: 'RSS after load', value: fresh.rssMiB, unit: 'MiB', note: `new process, index loaded (Node alone ≈ ${round(fresh.baseMiB)} MiB)` });
    } else {
      add({ corpus: 'synthetic', name: 'RSS after load', value: process.memoryUsage().rss / 2 ** 20, unit: 'MiB', note: 'this process, with the generator\'s arrays' });
    }
    void rssBefore;
    if (options.databaseUrl) {
      const documents = makeSyntheticDocuments(parsed, syntheticCount, model, realVectors);
      const pgFigures = await benchmarkPostgres({ databaseUrl: options.databaseUrl, documents, model, embeddings: options.embeddings, queries, searches, modes, latency, progress });
      for (const figure of pgFigures) add({ ...figure, corpus: 'synthetic' });
    }
  }
  rmSync(options.workDir, { recursive: true, force: true });
  return { figures, syntheticNote };
}

export async function latency(index: ReportIndex, queries: string[], count: number, mode: RetrievalMode): Promise<Omit<BenchmarkFigure, 'corpus'>> {
  const times: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    await index.search(queries[n % queries.length]!, { mode, topK: 5 });
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { name: `search ${mode} p50 / p99`, value: at(0.5), unit: 'ms', note: `p99 ${round(at(0.99))} ms over ${count} searches` };
}

/** The synthetic corpus as documents of 200 passages, each with its vector (the same for every store measured). */
export function makeSyntheticDocuments(
  parsed: { source: string; report: ReturnType<typeof parseReport> }[],
  count: number,
  model: EmbeddingModelInfo,
  realVectors: number[][],
): NewDocument[] {
  const tokenizer = createKeywordTokenizer();
  const samples = parsed.flatMap(({ report }) =>
    report.chunks.map((chunk) => ({ chunk, metadata: report.metadata, original: report.original, tokens: tokenizer.tokenize(passageKeywordText(chunk.sectionPath, chunk.text)).join(' ') })),
  );
  const random = seeded(42);
  const gaussian = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
  const vectorFor = (n: number): Float32Array => {
    const base = realVectors[n % samples.length];
    const vector = new Float32Array(model.dimensions);
    for (let d = 0; d < model.dimensions; d++) vector[d] = (base ? base[d]! : 0) + (base ? 0.02 : 1) * gaussian();
    const norm = Math.hypot(...vector) || 1;
    for (let d = 0; d < model.dimensions; d++) vector[d]! /= norm;
    return vector;
  };
  const documents: NewDocument[] = [];
  for (let n = 0; n < count; n++) {
    const docIndex = Math.floor(n / 200);
    const sample = samples[n % samples.length]!;
    if (n % 200 === 0) {
      documents.push({
        id: `synthetic${docIndex}`,
        source: `synthetic-${docIndex}.txt`,
        contentHash: sha256(`synthetic-${docIndex}`),
        metadata: { ...sample.metadata, year: 2000 + (docIndex % 25) },
        original: sample.original,
        passages: [],
      });
    }
    documents.at(-1)!.passages.push({
      chunkId: `synthetic-${n}`,
      sectionPath: sample.chunk.sectionPath,
      text: sample.chunk.text,
      start: sample.chunk.start,
      end: sample.chunk.end,
      tokens: `${sample.tokens} 合成${n}`,
      embedHash: `synthetic-${n}`,
      vector: vectorFor(n),
    });
  }
  return documents;
}

function buildSynthetic(
  dir: string,
  parsed: { source: string; report: ReturnType<typeof parseReport> }[],
  count: number,
  model: EmbeddingModelInfo,
  realVectors: number[][],
  progress: (message: string) => void,
): { insertSeconds: number; vectorSeconds: number } {
  const documents = makeSyntheticDocuments(parsed, count, model, realVectors);
  progress(`synthetic: ${count} passages generated, building the index (HNSW inserts block for a few minutes)`);
  const core = new IndexCore(dir, false);
  // Time the SQLite side and the HNSW side separately: one commit without vectors, then the graph over them.
  const insertStarted = performance.now();
  const vectors = documents.map((document) => document.passages.map((passage) => passage.vector!));
  for (const document of documents) for (const passage of document.passages) passage.vector = null;
  core.commit({ upserts: documents, removals: [] }, null);
  const insertSeconds = (performance.now() - insertStarted) / 1000;
  const vectorStarted = performance.now();
  const labels = core.store.db.prepare('SELECT id FROM passages ORDER BY id').all() as { id: number }[];
  const flat = vectors.flat();
  const graph = VectorIndex.build(model.dimensions, labels.map((row, index) => ({ label: row.id, vector: flat[index]! })), labels.length);
  const vectorSeconds = (performance.now() - vectorStarted) / 1000;
  // Store the vectors and point the index at the graph, as an ingest would have.
  const update = core.store.db.prepare('UPDATE passages SET vector = ? WHERE id = ?');
  core.store.transaction(() => {
    labels.forEach((row, index) => update.run(Buffer.from(flat[index]!.buffer), row.id));
    graph.write(join(dir, 'vectors-2.hnsw'));
    core.store.setMeta('vector_file', 'vectors-2.hnsw');
    // Without its checksum, opening the index would rebuild the graph (minutes at this size) every time.
    core.store.setMeta('vector_sha256', sha256File(join(dir, 'vectors-2.hnsw')));
    core.store.setMeta('synthetic_count', String(count));
    core.store.setMeta('model', model.model);
    core.store.setMeta('dimensions', String(model.dimensions));
    core.store.setMeta('generation', '2');
  });
  core.close();
  return { insertSeconds, vectorSeconds };
}

/** A synthetic index left by an earlier run with the same size and model, complete (its last step sets synthetic_count). */
function reusableSynthetic(dir: string, count: number, model: EmbeddingModelInfo): boolean {
  if (!existsSync(join(dir, 'index.sqlite'))) return false;
  try {
    const store = new IndexStore(join(dir, DATABASE_FILE), { readonly: true });
    try {
      const meta = (key: string) => store.getMeta(key);
      return meta('synthetic_count') === String(count) && meta('model') === model.model && meta('dimensions') === String(model.dimensions);
    } finally {
      store.close();
    }
  } catch {
    return false;
  }
}

/** Opens the index in a new Node process (keyword-only; the graph is read all the same) for honest RSS and load time. */
function loadInFreshProcess(dir: string): { loadMs: number; rssMiB: number; baseMiB: number } | null {
  const entry = new URL('./index.js', import.meta.url);
  if (!existsSync(fileURLToPath(entry))) return null; // running from TypeScript sources
  const code = `const base = process.memoryUsage().rss; const started = performance.now();
    const { ReportIndex } = await import(${JSON.stringify(entry.href)});
    const index = await ReportIndex.open(${JSON.stringify(dir)}, { embeddings: null, readOnly: true });
    await index.search('行政复议', { mode: 'keyword' });
    const loadMs = performance.now() - started;
    console.log(JSON.stringify({ loadMs, rssMiB: process.memoryUsage().rss / 2 ** 20, baseMiB: base / 2 ** 20 }));`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  try {
    return JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '') as { loadMs: number; rssMiB: number; baseMiB: number };
  } catch {
    return null;
  }
}

function folderSize(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
}

function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
