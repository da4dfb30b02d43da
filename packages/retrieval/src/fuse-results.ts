// Reciprocal rank fusion of the two retrievers, merging of overlapping passages, and fair shares across regions.
import type { SearchResult } from './types.js';

export interface FusionOptions {
  /** RRF constant: larger flattens the difference between ranks (default 60). */
  k?: number;
  /** Weight of the vector ranking (default 1). */
  vectorWeight?: number;
  /** Weight of the keyword ranking (default 1). */
  keywordWeight?: number;
  /** How many candidates each retriever contributes (default max(50, 10 × topK)). */
  candidates?: number;
}

/** score(label) = Σ weight / (k + rank), ranks from 1; labels absent from a list get nothing from it. */
export function reciprocalRankFusion(rankings: { labels: number[]; weight: number }[], k = 60): Map<number, number> {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.labels.forEach((label, index) => {
      scores.set(label, (scores.get(label) ?? 0) + ranking.weight / (k + index + 1));
    });
  }
  return scores;
}

/**
 * Results of one document whose offsets overlap become one result spanning both, ranked where the better
 * one was; the text is joined without repeating the shared part.
 */
export function mergeOverlapping(results: SearchResult[]): SearchResult[] {
  const kept: SearchResult[] = [];
  for (const result of results) {
    const host = kept.find((other) => other.docId === result.docId && other.start < result.end && result.start < other.end);
    if (!host) {
      kept.push({ ...result });
      continue;
    }
    const [first, second] = host.start <= result.start ? [host, result] : [result, host];
    if (second.end > first.end) {
      host.text = joinOverlapping(first.text, second.text);
      host.chunkId = `${first.chunkId}+${second.chunkId}`;
    } else {
      host.text = first.text;
      host.chunkId = first.chunkId;
    }
    host.start = first.start;
    host.end = Math.max(first.end, second.end);
    host.sectionPath = first.sectionPath;
  }
  return kept;
}

/** Appends b to a, dropping the longest suffix of a that b starts with. */
function joinOverlapping(a: string, b: string): string {
  for (let length = Math.min(a.length, b.length); length > 0; length--) {
    if (a.endsWith(b.slice(0, length))) return a + b.slice(length);
  }
  return a + b;
}

/**
 * For questions that compare regions: take results round-robin by region, in rank order within each,
 * so one region's many good matches cannot crowd the other out of the top k.
 */
export function shareAcrossRegions(results: SearchResult[], regionOfDoc: Map<string, string> | null, topK: number): SearchResult[] {
  if (!regionOfDoc) return results.slice(0, topK);
  const groups = new Map<string, SearchResult[]>();
  for (const result of results) {
    const region = regionOfDoc.get(result.docId) ?? '';
    const group = groups.get(region) ?? [];
    group.push(result);
    groups.set(region, group);
  }
  // Round-major order: every region's best passage (best first) comes before any region's second.
  const picked: SearchResult[] = [];
  const queues = [...groups.values()];
  for (let round = 0; picked.length < topK && queues.some((queue) => queue.length > round); round++) {
    const roundResults = queues.flatMap((queue) => (queue[round] ? [queue[round]!] : [])).sort((a, b) => b.score - a.score);
    picked.push(...roundResults.slice(0, topK - picked.length));
  }
  return picked;
}
