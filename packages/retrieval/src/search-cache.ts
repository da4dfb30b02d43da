// What searches can share until the index changes: passage count, token document frequencies, and the passages (with
// their vectors) of a scope, so a filtered vector search can be exact instead of walking the graph around the filter.
import type { IndexCore } from './index-core.js';

/** Scopes up to this many passages are searched exactly (a few million multiply-adds); larger ones use the graph. */
export const EXACT_SCOPE_LIMIT = 4096;
const MAX_SCOPES = 16;
const MAX_TOKENS = 50_000;

/** The passages of a scope: their labels, and (when small enough) their unit vectors row-major. */
export interface ScopePassages {
  labels: Set<number>;
  /** The labels as runs of consecutive ids (start0, end0, start1, …): a report's passages are stored together. */
  runs: Int32Array;
  /** Labels of the vectors below, in order; null when the scope is too large to search exactly. */
  order: Int32Array | null;
  vectors: Float32Array | null;
  dimensions: number;
}

interface CacheState {
  generation: number;
  passageCount: number | null;
  frequencies: Map<string, number>;
  scopes: Map<string, ScopePassages>;
}

const states = new WeakMap<IndexCore, CacheState>();

/** The cache of this index at its current generation (a commit, here or by another process, starts a new one). */
export function searchCache(core: IndexCore) {
  let state = states.get(core);
  if (!state || state.generation !== core.generation) {
    state = { generation: core.generation, passageCount: null, frequencies: new Map(), scopes: new Map() };
    states.set(core, state);
  }
  const current = state;
  return {
    passageCount(): number {
      current.passageCount ??= core.store.passageCount();
      return current.passageCount;
    },

    /** How many passages contain each token; asks SQLite only for tokens not seen at this generation. */
    documentFrequencies(tokens: string[]): Map<string, number> {
      const missing = tokens.filter((token) => !current.frequencies.has(token));
      if (missing.length > 0) {
        if (current.frequencies.size + missing.length > MAX_TOKENS) current.frequencies.clear();
        for (const [token, count] of core.store.documentFrequencies(missing)) current.frequencies.set(token, count);
      }
      return new Map(tokens.map((token) => [token, current.frequencies.get(token) ?? 0]));
    },

    /** The passages of these documents; with their vectors when there are few enough to compare with each one. */
    scopePassages(docIds: Set<string>, dimensions: number | null): ScopePassages {
      const key = [...docIds].sort().join(',');
      const hit = current.scopes.get(key);
      if (hit) {
        // Most recently used last, so the oldest scope is the one dropped.
        current.scopes.delete(key);
        current.scopes.set(key, hit);
        return hit;
      }
      const ids = [...docIds];
      const placeholders = ids.map(() => '?').join(', ');
      const labels = core.store.db.prepare(`SELECT id FROM passages WHERE doc_id IN (${placeholders})`).pluck().all(...ids) as number[];
      let order: Int32Array | null = null;
      let vectors: Float32Array | null = null;
      if (dimensions && labels.length <= EXACT_SCOPE_LIMIT) {
        const rows = core.store.db
          .prepare(`SELECT id, vector FROM passages WHERE doc_id IN (${placeholders}) AND vector IS NOT NULL ORDER BY id`)
          .all(...ids) as { id: number; vector: Buffer }[];
        order = new Int32Array(rows.length);
        vectors = new Float32Array(rows.length * dimensions);
        rows.forEach((row, index) => {
          order![index] = row.id;
          const source = new Float32Array(row.vector.buffer.slice(row.vector.byteOffset, row.vector.byteOffset + row.vector.byteLength));
          let norm = 0;
          for (let d = 0; d < dimensions; d++) norm += source[d]! * source[d]!;
          const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
          for (let d = 0; d < dimensions; d++) vectors![index * dimensions + d] = source[d]! * scale;
        });
      }
      const scope = { labels: new Set(labels), runs: consecutiveRuns(labels), order, vectors, dimensions: dimensions ?? 0 };
      if (current.scopes.size >= MAX_SCOPES) current.scopes.delete(current.scopes.keys().next().value!);
      current.scopes.set(key, scope);
      return scope;
    },
  };
}

/** Sorted ids as [start, end] pairs of consecutive ids. */
function consecutiveRuns(labels: number[]): Int32Array {
  const sorted = [...labels].sort((a, b) => a - b);
  const runs: number[] = [];
  for (const label of sorted) {
    if (runs.length > 0 && runs[runs.length - 1] === label - 1) runs[runs.length - 1] = label;
    else runs.push(label, label);
  }
  return Int32Array.from(runs);
}

/** The k most similar passages of a small scope, by cosine against every one of its vectors. */
export function exactSearch(scope: ScopePassages, query: number[], k: number): { label: number; similarity: number }[] {
  const { order, vectors, dimensions } = scope;
  if (!order || !vectors || order.length === 0) return [];
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += query[d]! * query[d]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const scores = new Float64Array(order.length);
  for (let row = 0; row < order.length; row++) {
    let dot = 0;
    const offset = row * dimensions;
    for (let d = 0; d < dimensions; d++) dot += vectors[offset + d]! * query[d]!;
    scores[row] = dot * scale;
  }
  const ranked = Array.from(order.keys()).sort((a, b) => scores[b]! - scores[a]! || order[a]! - order[b]!);
  return ranked.slice(0, k).map((row) => ({ label: order[row]!, similarity: scores[row]! }));
}
