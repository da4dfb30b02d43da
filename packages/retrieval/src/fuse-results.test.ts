// Rank fusion, overlap merging and region shares on hand-made results.
import { describe, expect, it } from 'vitest';
import { mergeOverlapping, reciprocalRankFusion, shareAcrossRegions } from './fuse-results.js';
import type { SearchResult } from './types.js';

function result(docId: string, start: number, end: number, text: string, score: number): SearchResult {
  return {
    chunkId: `${docId}-${start}`, docId, source: `${docId}.txt`, title: null, region: null, regionPath: [], level: null, year: null,
    sectionPath: '', text, start, end, score,
  };
}

describe('reciprocalRankFusion', () => {
  it('rewards agreement between rankings and honours weights', () => {
    const scores = reciprocalRankFusion([
      { labels: [1, 2, 3], weight: 1 },
      { labels: [3, 2, 4], weight: 1 },
    ]);
    expect(scores.get(2)! > scores.get(1)!).toBe(true);
    expect(scores.get(3)! > scores.get(4)!).toBe(true);
    const weighted = reciprocalRankFusion([
      { labels: [1], weight: 2 },
      { labels: [2], weight: 1 },
    ]);
    expect(weighted.get(1)).toBeCloseTo(2 / 61);
    expect(weighted.get(2)).toBeCloseTo(1 / 61);
  });
});

describe('mergeOverlapping', () => {
  it('merges passages of one document whose offsets overlap, keeping the better rank', () => {
    const merged = mergeOverlapping([
      result('a', 10, 20, 'CDEFGHIJKL', 0.9),
      result('b', 0, 10, 'other', 0.8),
      result('a', 15, 25, 'HIJKLMNOPQ', 0.7),
    ]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({ docId: 'a', start: 10, end: 25, text: 'CDEFGHIJKLMNOPQ', score: 0.9 });
  });

  it('leaves touching but not overlapping passages apart', () => {
    expect(mergeOverlapping([result('a', 0, 10, 'x', 1), result('a', 10, 20, 'y', 0.5)])).toHaveLength(2);
  });
});

describe('shareAcrossRegions', () => {
  it('gives every named region a place in the top k', () => {
    const results = [result('a', 0, 1, '', 5), result('a', 1, 2, '', 4), result('a', 2, 3, '', 3), result('b', 0, 1, '', 1)];
    const shared = shareAcrossRegions(results, new Map([['a', '海东市'], ['b', '城东区']]), 2);
    expect(shared.map((item) => item.docId).sort()).toEqual(['a', 'b']);
    expect(shareAcrossRegions(results, null, 2).map((item) => item.docId)).toEqual(['a', 'a']);
  });
});
