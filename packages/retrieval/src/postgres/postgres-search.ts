// Hybrid search on PostgreSQL: BM25 over the tsvector of jieba tokens (ranked in SQL with FTS5's formula) and
// pgvector cosine search, fused and shaped exactly as the embedded store's searchIndex does.
import type pg from 'pg';
import { mergeOverlapping, reciprocalRankFusion, shareAcrossRegions } from '../fuse-results.js';
import type { SearchSetup } from '../index-backend.js';
import { toPassageRecord } from '../index-store.js';
import type { KeywordTokenizer } from '../keyword-tokenizer.js';
import { ACROSS_REPORTS, expandedQueryTokens, selectiveTokens } from '../search-index.js';
import { defaultThesaurus } from '../thesaurus.js';
import type { RetrievalMode, SearchOptions, SearchResponse, SearchResult } from '../types.js';
import { keywordPieces, vectorLiteral } from './keyword-pieces.js';
import type { PostgresSnapshot } from './postgres-index-backend.js';

// The query's tokens, their selection and the fusion are search-index.ts's own (the embedded store's search); only
// the statements differ.
/** FTS5's bm25() constants. */
const K1 = 1.2;
const B = 0.75;
/** hnsw.ef_search: at least this many, as hnswlib's setEf in vector-index.ts. */
export const EF_SEARCH = 100;
/** A scope of at most this many passages is compared with each of them (exact); a wider one walks the graph with the filter. */
const EXACT_SCOPE_PASSAGES = 20_000;

export interface PostgresSearchContext {
  pool: pg.Pool;
  snapshot: PostgresSnapshot;
}

export async function searchPostgres(context: PostgresSearchContext, setup: SearchSetup, query: string, options: SearchOptions): Promise<SearchResponse> {
  const { pool, snapshot } = context;
  const { tokenizer, fusion } = setup;
  const topK = Math.max(1, options.topK ?? 5);
  const mode: RetrievalMode = setup.mode === 'keyword' ? 'keyword' : (options.mode ?? 'hybrid');
  const resolved = snapshot.resolveScope(query, options.filters ?? {}, options.inferFilters ?? true, options.now);
  if (resolved.docIds && resolved.docIds.size === 0) return { results: [], scope: resolved.scope, mode, queryVector: null };
  const docIds = resolved.docIds ? [...resolved.docIds] : null;

  const candidates = fusion.candidates ?? Math.max(50, topK * 10);
  const useVectors = mode !== 'keyword' && setup.embeddings !== null && snapshot.indexModel !== null;
  const queryVector = useVectors ? (options.queryVector ? Promise.resolve(options.queryVector) : setup.embeddings!.embedQuery(resolved.cleanedQuery)) : null;
  queryVector?.catch(() => {}); // awaited below

  const keyword = mode !== 'vector' ? keywordSearch(pool, snapshot, tokenizer, resolved.cleanedQuery, candidates, docIds) : Promise.resolve(null);
  keyword.catch(() => {});
  let vector: number[] | null = null;
  let vectorHits: number[] | null = null;
  if (queryVector) {
    vector = await queryVector;
    const scopePassages = docIds ? snapshot.documents.filter((document) => resolved.docIds!.has(document.id)).reduce((sum, document) => sum + document.passages, 0) : Infinity;
    vectorHits = await vectorSearch(pool, vector, candidates, docIds, scopePassages <= EXACT_SCOPE_PASSAGES);
  }
  const keywordHits = await keyword;
  const rankings: { labels: number[]; weight: number }[] = [];
  if (keywordHits) rankings.push({ labels: keywordHits, weight: fusion.keywordWeight ?? 1 });
  if (vectorHits) rankings.push({ labels: vectorHits, weight: fusion.vectorWeight ?? 1 });

  const scores = reciprocalRankFusion(rankings, fusion.k ?? 60);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  const fused = ranked.slice(0, Math.max(topK * 4, 20));
  const rows = await passageRows(pool, fused.map(([label]) => label));
  const results: SearchResult[] = [];
  for (const [label, score] of fused) {
    const row = rows.get(label);
    if (row) results.push({ ...toPassageRecord(row), score });
  }
  const merged = mergeOverlapping(results);
  const shares = resolved.regionOfDoc ?? (ACROSS_REPORTS.test(query) ? new Map(merged.map((result) => [result.docId, result.docId])) : null);
  return { results: shareAcrossRegions(merged, shares, topK), scope: resolved.scope, mode, queryVector: vector };
}

/** BM25 labels, best first, or null when the query has no usable token. */
async function keywordSearch(pool: pg.Pool, snapshot: PostgresSnapshot, tokenizer: KeywordTokenizer, text: string, limit: number, docIds: string[] | null): Promise<number[] | null> {
  // Every word the expansion may look up, counted in one statement, so the shared (synchronous) selection can run.
  const words = new Set(tokenizer.queryTokens(text));
  for (const concept of defaultThesaurus().conceptsIn(text)) {
    for (const phrase of [concept.label, ...concept.alternatives]) for (const token of tokenizer.queryTokens(phrase)) words.add(token);
  }
  const counted = new Map(
    (await pool.query<{ term: string; passages: number }>('SELECT term, passages FROM keyword_terms WHERE term = ANY($1)', [[...words]])).rows.map((row) => [row.term, row.passages]),
  );
  // As FTS5's vocabulary table: a token is looked up as written (a token with capitals or punctuation counts 0).
  const documentFrequencies = (tokens: string[]) => new Map(tokens.map((token) => [token, counted.get(token) ?? 0]));
  const expanded = expandedQueryTokens(tokenizer, text, documentFrequencies);
  if (expanded.length === 0) return null;
  const selected = selectiveTokens({ passageCount: () => snapshot.passages, documentFrequencies }, expanded)
    .map((token) => ({ token, pieces: keywordPieces(token) }))
    .filter((entry) => entry.pieces.length > 0);
  if (selected.length === 0) return [];
  // Pieces are letters and digits only, so they need no quoting inside to_tsquery; a split token is a phrase, as in FTS5.
  const match = selected.map((entry) => (entry.pieces.length === 1 ? entry.pieces[0]! : `(${entry.pieces.join(' <-> ')})`)).join(' | ');
  const terms = [...new Set(selected.flatMap((entry) => entry.pieces))].join(' ');
  // Only the query's lexemes are unnested (marked with weight A, kept by ts_filter): a passage has a hundred others.
  const averageLength = snapshot.passages > 0 ? snapshot.tokens / snapshot.passages : 1;
  const rows = await pool.query<{ label: number }>(
    `WITH q AS (
       SELECT t.lexeme AS term, greatest(ln(($3::float8 - coalesce(k.passages, 0) + 0.5) / (coalesce(k.passages, 0) + 0.5)), 1e-6) AS idf
       FROM unnest(to_tsvector('simple', $2)) t LEFT JOIN keyword_terms k ON k.term = t.lexeme),
     hits AS (SELECT p.id, p.token_count, p.tokens FROM passages p WHERE p.tokens @@ to_tsquery('simple', $1) ${docIds ? 'AND p.doc_id = ANY($6)' : ''})
     SELECT h.id AS label
     FROM hits h CROSS JOIN LATERAL unnest(ts_filter(setweight(h.tokens, 'A', (SELECT array_agg(term) FROM q)), '{a}')) t JOIN q ON q.term = t.lexeme
     GROUP BY h.id
     ORDER BY sum(q.idf * (cardinality(t.positions) * ${K1 + 1}) / (cardinality(t.positions) + ${K1} * (${1 - B} + ${B} * h.token_count / $4::float8))) DESC, h.id
     LIMIT $5`,
    docIds ? [match, terms, snapshot.passages, averageLength, limit, docIds] : [match, terms, snapshot.passages, averageLength, limit],
  );
  return rows.rows.map((row) => row.label);
}

/** Cosine nearest passages: the HNSW index for the whole corpus or a wide scope, every passage of a narrow scope. */
async function vectorSearch(pool: pg.Pool, vector: number[], limit: number, docIds: string[] | null, exact: boolean): Promise<number[]> {
  const literal = vectorLiteral(vector);
  if (docIds && exact) {
    // MATERIALIZED keeps the planner off the HNSW index: within a few thousand rows exact is fast and complete.
    const rows = await pool.query<{ id: number }>(
      `WITH scope AS MATERIALIZED (SELECT id, embedding FROM passages WHERE doc_id = ANY($2) AND embedding IS NOT NULL)
       SELECT id FROM scope ORDER BY embedding <=> $1::vector, id LIMIT $3`,
      [literal, docIds, limit],
    );
    return rows.rows.map((row) => row.id);
  }
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(`SET LOCAL hnsw.ef_search = ${Math.max(limit, EF_SEARCH)}`);
    if (docIds) await client.query("SET LOCAL hnsw.iterative_scan = 'strict_order'");
    const rows = await client.query<{ id: number }>(
      `SELECT id FROM passages WHERE embedding IS NOT NULL ${docIds ? 'AND doc_id = ANY($3)' : ''} ORDER BY embedding <=> $1::vector LIMIT $2`,
      docIds ? [literal, limit, docIds] : [literal, limit],
    );
    await client.query('COMMIT');
    return rows.rows.map((row) => row.id);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

async function passageRows(pool: pg.Pool, labels: number[]) {
  const found = new Map<number, Parameters<typeof toPassageRecord>[0]>();
  if (labels.length === 0) return found;
  const rows = await pool.query<Parameters<typeof toPassageRecord>[0]>(
    `SELECT p.id, p.chunk_id, p.doc_id, p.section_path, p.text, p.start_offset, p.end_offset, d.source, d.metadata_json
     FROM passages p JOIN documents d ON d.id = p.doc_id WHERE p.id = ANY($1)`,
    [labels],
  );
  for (const row of rows.rows) found.set(row.id, row);
  return found;
}
