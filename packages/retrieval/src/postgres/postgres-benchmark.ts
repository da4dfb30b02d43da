// The PostgreSQL half of `report-qa bench`: the same synthetic documents committed to PostgreSQL + pgvector in a
// scratch schema, then search latency, size on disk and the recall of pgvector's HNSW against exact search.
import type { Embeddings } from '@langchain/core/embeddings';
import type { EmbeddingModelInfo } from '../described-embeddings.js';
import type { NewDocument } from '../index-store.js';
import { ReportIndex } from '../report-index.js';
import type { RetrievalMode } from '../types.js';
import { vectorLiteral } from './keyword-pieces.js';
import { createPostgresPool, openPostgresBackend } from './postgres-index-backend.js';
import { EF_SEARCH } from './postgres-search.js';

export interface PostgresBenchmarkOptions {
  databaseUrl: string;
  documents: NewDocument[];
  model: EmbeddingModelInfo;
  embeddings: Embeddings | null;
  queries: string[];
  searches: number;
  modes: RetrievalMode[];
  latency: (index: ReportIndex, queries: string[], count: number, mode: RetrievalMode) => Promise<{ name: string; value: number; unit: string; note?: string }>;
  progress: (message: string) => void;
  /** Query vectors for the recall figure (default 100). */
  recallQueries?: number;
}

export async function benchmarkPostgres(options: PostgresBenchmarkOptions): Promise<{ name: string; value: number; unit: string; note?: string }[]> {
  const figures: { name: string; value: number; unit: string; note?: string }[] = [];
  const schema = `report_qa_bench_${process.pid}`;
  const admin = createPostgresPool(options.databaseUrl, 1);
  const url = new URL(options.databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema},public`);
  const scratch = url.toString();
  await admin.query(`CREATE SCHEMA ${schema}`);
  try {
    const backend = await openPostgresBackend(scratch);
    const passages = options.documents.reduce((sum, document) => sum + document.passages.length, 0);
    options.progress(`PostgreSQL: committing ${passages} passages in batches of about 2,000 (rows, tsvector, GIN and HNSW maintained)`);
    const started = performance.now();
    let batch: NewDocument[] = [];
    let size = 0;
    for (const document of options.documents) {
      batch.push(document);
      size += document.passages.length;
      if (size >= 2000) {
        await backend.commit({ upserts: batch, removals: [] }, options.model);
        batch = [];
        size = 0;
      }
    }
    if (batch.length > 0) await backend.commit({ upserts: batch, removals: [] }, options.model);
    const seconds = (performance.now() - started) / 1000;
    await backend.close();
    figures.push({ name: 'PostgreSQL ingest (rows + tsvector + HNSW)', value: passages / seconds, unit: 'passages/s', note: `vectors given, embedding excluded; ${seconds.toFixed(0)} s in all` });
    await admin.query('VACUUM ANALYZE ' + `${schema}.passages`);
    const bytes = await admin.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(c.oid)) AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'm')`,
      [schema],
    );
    figures.push({ name: 'PostgreSQL size on disk', value: Number(bytes.rows[0]!.bytes) / 2 ** 20, unit: 'MiB', note: 'tables, TOAST and indexes of the schema' });

    const index = await ReportIndex.open('', { embeddings: options.embeddings, databaseUrl: scratch, readOnly: true });
    await index.search(options.queries[0]!, { mode: options.modes[0] });
    for (const mode of options.modes) {
      const figure = await options.latency(index, options.queries, options.searches, mode);
      figures.push({ ...figure, name: `PostgreSQL ${figure.name}` });
    }
    await index.close();
    figures.push(...(await hnswRecall(scratch, nearCorpus(options), 'query vectors near corpus vectors')));
    if (options.embeddings) {
      const questions: string[] = [];
      for (const query of options.queries) questions.push(vectorLiteral(await options.embeddings.embedQuery(query)));
      figures.push(...(await hnswRecall(scratch, questions, 'benchmark questions (embedQuery)')));
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    await admin.end();
  }
  return figures;
}

/** Query vectors a little away from random corpus vectors. */
function nearCorpus(options: PostgresBenchmarkOptions): string[] {
  const all = options.documents.flatMap((document) => document.passages);
  const count = options.recallQueries ?? 100;
  const queries: string[] = [];
  let seed = 7;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let n = 0; n < count; n++) {
    const base = all[Math.floor(random() * all.length)]!.vector!;
    const vector = Array.from(base, (value) => value + 0.05 * (random() - 0.5));
    const norm = Math.hypot(...vector) || 1;
    queries.push(vectorLiteral(vector.map((value) => value / norm)));
  }
  return queries;
}

/** Recall of the HNSW walk (hnsw.ef_search as searches use it) against exact cosine search. */
async function hnswRecall(url: string, queries: string[], described: string): Promise<{ name: string; value: number; unit: string; note?: string }[]> {
  const figures: { name: string; value: number; unit: string; note?: string }[] = [];
  for (const efSearch of [EF_SEARCH, 2 * EF_SEARCH, 4 * EF_SEARCH]) figures.push(...(await recallAt(url, queries, described, efSearch)));
  return figures;
}

async function recallAt(url: string, queries: string[], described: string, efSearch: number): Promise<{ name: string; value: number; unit: string; note?: string }[]> {
  const pool = createPostgresPool(url, 1);
  const count = queries.length;
  const found: Record<number, number> = { 10: 0, 50: 0 };
  // Synthetic clusters hold near-identical vectors: a result as close as the exact k-th counts as found too.
  const asClose: Record<number, number> = { 10: 0, 50: 0 };
  try {
    const client = await pool.connect();
    try {
      for (const query of queries) {
        const exactRows = (
          await client.query<{ id: number; distance: number }>(
            'WITH every AS MATERIALIZED (SELECT id, embedding FROM passages) SELECT id, embedding <=> $1::vector AS distance FROM every ORDER BY distance, id LIMIT 50',
            [query],
          )
        ).rows;
        const exact = exactRows.map((row) => row.id);
        await client.query('BEGIN');
        await client.query(`SET LOCAL hnsw.ef_search = ${efSearch}`);
        const approximateRows = (await client.query<{ id: number; distance: number }>('SELECT id, embedding <=> $1::vector AS distance FROM passages ORDER BY embedding <=> $1::vector LIMIT 50', [query])).rows;
        const approximate = new Set(approximateRows.map((row) => row.id));
        await client.query('COMMIT');
        for (const k of [10, 50]) {
          const bound = (exactRows[k - 1]?.distance ?? Infinity) + 1e-6;
          asClose[k]! += approximateRows.slice(0, k).filter((row) => row.distance <= bound).length;
        }
        const approximate10 = new Set([...approximate].slice(0, 10));
        found[10]! += exact.slice(0, 10).filter((id) => approximate10.has(id)).length;
        found[50]! += exact.filter((id) => approximate.has(id)).length;
      }
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
  return [10, 50].map((k) => ({
    name: `pgvector HNSW recall@${k} vs exact, ef_search ${efSearch}`,
    value: found[k]! / (k * count),
    unit: 'fraction',
    note: `${(asClose[k]! / (k * count)).toFixed(3)} as close as the exact k-th; m 16, ef_construction 100; ${count} ${described}`,
  }));
}
