// One hybrid search over the index: scope, both retrievers, fusion, merging, region shares.
import type { Embeddings } from '@langchain/core/embeddings';
import type { Statement } from 'better-sqlite3';
import { reciprocalRankFusion, mergeOverlapping, shareAcrossRegions, type FusionOptions } from './fuse-results.js';
import type { IndexCore } from './index-core.js';
import { exactSearch, searchCache, type ScopePassages } from './search-cache.js';
import type { KeywordTokenizer } from './keyword-tokenizer.js';
import { defaultThesaurus } from './thesaurus.js';
import type { RetrievalMode, SearchOptions, SearchResponse, SearchResult } from './types.js';

/** Words of a question that compares reports or regions: 比较, 对比, 比一下, 哪个地方, 各地, 几份报告. */
export const ACROSS_REPORTS = /比较|对比|比一比|比一下|哪个地[方区]|哪些地[方区]|哪[个里]最|各地|各[个份]?报告|几份报告|所有报告|哪份报告/;

export interface SearchContext {
  core: IndexCore;
  embeddings: Embeddings | null;
  tokenizer: KeywordTokenizer;
  fusion: FusionOptions;
  /** The best mode available: 'keyword' when there are no embeddings or no stored vectors. */
  mode: RetrievalMode;
}

export async function searchIndex(context: SearchContext, query: string, options: SearchOptions = {}): Promise<SearchResponse> {
  const { core, tokenizer, fusion } = context;
  core.refresh();
  const cache = searchCache(core);
  const topK = Math.max(1, options.topK ?? 5);
  const mode: RetrievalMode = context.mode === 'keyword' ? 'keyword' : (options.mode ?? 'hybrid');
  const resolved = core.resolveScope(query, options.filters ?? {}, options.inferFilters ?? true, options.now);
  if (resolved.docIds && resolved.docIds.size === 0) return { results: [], scope: resolved.scope, mode, queryVector: null };

  const candidates = fusion.candidates ?? Math.max(50, topK * 10);
  const rankings: { labels: number[]; weight: number }[] = [];
  const useVectors = mode !== 'keyword' && context.embeddings !== null && core.vectors !== null;
  const scope = resolved.docIds ? cache.scopePassages(resolved.docIds, useVectors ? core.vectors!.dimensions : null) : null;

  // The query is embedded in the worker while keyword search runs here.
  const queryVector = useVectors ? (options.queryVector ? Promise.resolve(options.queryVector) : context.embeddings!.embedQuery(resolved.cleanedQuery)) : null;
  queryVector?.catch(() => {}); // awaited below; avoid an unhandled rejection while keyword search runs

  if (mode !== 'vector') {
    const tokens = selectiveTokens(cache, expandedQueryTokens(tokenizer, resolved.cleanedQuery, (words) => cache.documentFrequencies(words)));
    if (tokens.length > 0) {
      const match = tokens.map((token) => `"${token.replaceAll('"', '""')}"`).join(' OR ');
      const hits = scope && resolved.docIds ? keywordSearchInScope(core, match, candidates, scope, resolved.docIds) : core.store.keywordSearch(match, candidates, null);
      rankings.push({ labels: hits.map((hit) => hit.label), weight: fusion.keywordWeight ?? 1 });
    }
  }
  let vector: number[] | null = null;
  if (queryVector && core.vectors) {
    // A scope of a few thousand passages is compared with each of them (exact, and faster than a filtered graph walk).
    vector = await queryVector;
    const hits = scope?.order
      ? exactSearch(scope, vector, candidates)
      : core.vectors.search(vector, candidates, scope ? (label) => scope.labels.has(label) : null);
    rankings.push({ labels: hits.map((hit) => hit.label), weight: fusion.vectorWeight ?? 1 });
  }

  const scores = reciprocalRankFusion(rankings, fusion.k ?? 60);
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  // Enough candidates that merging overlaps and sharing across regions still fill top k.
  const pool = ranked.slice(0, Math.max(topK * 4, 20));
  const records = core.passages(pool.map(([label]) => label));
  const results: SearchResult[] = [];
  for (const [label, score] of pool) {
    const record = records.get(label);
    if (record) results.push({ ...record, score });
  }
  const merged = mergeOverlapping(results);
  // A question comparing reports without naming them needs each report's best passage, not one report's five.
  const shares = resolved.regionOfDoc ?? (ACROSS_REPORTS.test(query) ? new Map(merged.map((result) => [result.docId, result.docId])) : null);
  return { results: shareAcrossRegions(merged, shares, topK), scope: resolved.scope, mode, queryVector: vector };
}

/** The query's tokens, plus those of the report words the thesaurus maps its everyday words to (打官司 → 诉讼). */
export function expandedQueryTokens(tokenizer: KeywordTokenizer, query: string, frequencies: (tokens: string[]) => Map<string, number>): string[] {
  const tokens = new Set(tokenizer.queryTokens(query));
  for (const concept of defaultThesaurus().conceptsIn(query)) {
    // Only words the reports do not use are expanded: 打官司 → 诉讼, but 调解 stays 调解 (expanding a report word
    // with its siblings would drown its rarer neighbours in BM25).
    const own = tokenizer.queryTokens(concept.label);
    const counts = frequencies(own);
    if (own.length > 0 && own.every((token) => (counts.get(token) ?? 0) > 0)) continue;
    for (const alternative of concept.alternatives) for (const token of tokenizer.queryTokens(alternative)) tokens.add(token);
  }
  return [...tokens];
}

/** Scopes of more runs first try the corpus' best (below); up to MAX_RUNS runs fit one statement. */
const FEW_RUNS = 32;
const MAX_RUNS = 400;
/** A wider scope takes the corpus' best limit × this many and keeps those in scope. */
const WIDE_SCOPE_FACTOR = 8;
const runStatements = new WeakMap<IndexCore['store'], Map<number, Statement>>();

/** One BM25 statement over `runs` rowid ranges, prepared once per store and number of runs. */
function runsStatement(core: IndexCore, runs: number): Statement {
  let byCount = runStatements.get(core.store);
  if (!byCount) runStatements.set(core.store, (byCount = new Map()));
  let statement = byCount.get(runs);
  if (!statement) {
    const ranges = Array.from({ length: runs }, () => 'rowid BETWEEN ? AND ?').join(' OR ');
    statement = core.store.db.prepare(`SELECT rowid AS label, bm25(passages_fts) AS score FROM passages_fts WHERE passages_fts MATCH ? AND (${ranges}) ORDER BY score LIMIT ?`);
    byCount.set(runs, statement);
  }
  return statement;
}

/**
 * BM25 within a scope. The scope's ids come in runs (a report's passages are consecutive), and a rowid range is a
 * constraint FTS5 applies while it walks its posting lists, so bm25() is computed for the scope's matches only; joining
 * passages instead looks up the document of every match in the corpus. bm25() takes its statistics from the whole
 * index either way, so the scores are the same. (One statement per run would compute the IDFs once per run.)
 */
export function keywordSearchInScope(core: IndexCore, match: string, limit: number, scope: ScopePassages, docIds: Set<string>): { label: number; score: number }[] {
  const runs = scope.runs.length / 2;
  if (runs === 0) return [];
  if (runs > FEW_RUNS) {
    // A wide scope: the corpus' best few hundred usually hold the scope's best.
    const inScope = core.store.keywordSearch(match, limit * WIDE_SCOPE_FACTOR, null).filter((hit) => scope.labels.has(hit.label));
    if (inScope.length >= limit) return inScope.slice(0, limit);
    if (runs > MAX_RUNS) return core.store.keywordSearch(match, limit, docIds);
  }
  return runsStatement(core, runs).all(match, ...scope.runs, limit) as { label: number; score: number }[];
}

/**
 * BM25 costs a little for every row a query's tokens reach. Past this many postings in all, the commoner tokens are
 * left out, rarest kept first: they weigh least in BM25 and cost most. It never binds on a few thousand passages.
 */
export const POSTINGS_BUDGET = 20_000;

/**
 * Tokens found in most passages add almost nothing to BM25 but make it score nearly every row: past a
 * fifth of the passages (and 50 passages) they are left out, and so are the commonest of the rest once their
 * postings pass POSTINGS_BUDGET; at least the three rarest tokens are always kept.
 */
export function selectiveTokens(cache: Pick<ReturnType<typeof searchCache>, 'passageCount' | 'documentFrequencies'>, tokens: string[]): string[] {
  if (tokens.length <= 3) return tokens;
  const total = cache.passageCount();
  const limit = Math.max(50, total / 5);
  const frequencies = cache.documentFrequencies(tokens);
  const known = tokens.filter((token) => (frequencies.get(token) ?? 0) > 0);
  const byRarity = [...known].sort((a, b) => frequencies.get(a)! - frequencies.get(b)!);
  const kept = new Set<string>();
  let postings = 0;
  for (const token of byRarity) {
    const count = frequencies.get(token)!;
    if (kept.size >= 3 && (count > limit || postings + count > POSTINGS_BUDGET)) break;
    kept.add(token);
    postings += count;
  }
  return known.filter((token) => kept.has(token));
}
