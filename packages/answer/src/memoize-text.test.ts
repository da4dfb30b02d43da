import { describe, expect, it } from 'vitest';
import { memoizeText } from './memoize-text.js';

describe('memoizeText', () => {
  it('computes a text once and gives the same result after, for every kind of result', () => {
    const calls: string[] = [];
    const length = memoizeText((text) => (calls.push(text), text.length));
    const isEmpty = memoizeText((text) => (calls.push(`empty?${text}`), text.length === 0));
    expect([length('海东'), length('海东'), length('西宁市')]).toEqual([2, 2, 3]);
    // false and 0 are results too, not misses.
    expect([isEmpty('a'), isEmpty('a'), length(''), length('')]).toEqual([false, false, 0, 0]);
    expect(calls).toEqual(['海东', '西宁市', 'empty?a', '']);
  });

  it('forgets everything once it holds its capacity, and computes again', () => {
    let calls = 0;
    const upper = memoizeText((text) => (calls++, text.toUpperCase()), 2);
    upper('a');
    upper('b');
    upper('a');
    expect(calls).toBe(2);
    upper('c'); // full: forgets a and b
    upper('a');
    expect(calls).toBe(4);
    expect(upper('c')).toBe('C');
    expect(calls).toBe(4);
  });
});
