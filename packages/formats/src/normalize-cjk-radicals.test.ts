// PDF text with radical look-alikes must read like the original, or exact-quote search would miss it.
import { describe, expect, it } from 'vitest';
import { normalizeCjkRadicals } from './normalize-cjk-radicals.js';

describe('normalizeCjkRadicals', () => {
  it('maps Kangxi radicals and compatibility ideographs to the ordinary characters', () => {
    expect(normalizeCjkRadicals('⼀是加强⽣态环境保护，⽴法⼯作')).toBe('一是加强生态环境保护，立法工作');
    expect(normalizeCjkRadicals('\uf9b5')).toBe('例');
  });

  it('leaves full-width punctuation, digits and Latin text alone', () => {
    const text = '（一）２０２０年，“三项制度”：ABC％';
    expect(normalizeCjkRadicals(text)).toBe(text);
  });
});
