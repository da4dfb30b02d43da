// Tests of splitting answers into text and citation markers.
import { describe, expect, it } from 'vitest';
import { splitAnswer } from './split-answer.js';

describe('splitAnswer', () => {
  const known = new Set([1, 2, 3]);

  it('turns known markers into marker segments and keeps the rest as text', () => {
    expect(splitAnswer('共收到申请68件[1]，办结60件[2]。', known)).toEqual([
      { kind: 'text', text: '共收到申请68件' },
      { kind: 'marker', n: 1 },
      { kind: 'text', text: '，办结60件' },
      { kind: 'marker', n: 2 },
      { kind: 'text', text: '。' },
    ]);
  });

  it('expands grouped markers and full-width brackets', () => {
    expect(splitAnswer('甲[1,3]乙［2］', known)).toEqual([
      { kind: 'text', text: '甲' },
      { kind: 'marker', n: 1 },
      { kind: 'marker', n: 3 },
      { kind: 'text', text: '乙' },
      { kind: 'marker', n: 2 },
    ]);
  });

  it('leaves unknown numbers, bracketed years and half-streamed markers as text', () => {
    expect(splitAnswer('东政[2021]1号[9]见[1', known)).toEqual([{ kind: 'text', text: '东政[2021]1号[9]见[1' }]);
  });

  it('never interprets markup', () => {
    expect(splitAnswer('<b>x</b>[1]', known)[0]).toEqual({ kind: 'text', text: '<b>x</b>' });
  });
});
