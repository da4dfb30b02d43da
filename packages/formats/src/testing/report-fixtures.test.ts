// Checks the fixture generators themselves, so a failing format test points at the code, not at its fixture.
import { inflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, deflatedZeros, encodeGbk } from './report-fixtures.js';

describe('test fixtures', () => {
  it('deflatedZeros inflates to exactly that many zero bytes', () => {
    for (const size of [1, 258, 259, 100_000, 1_000_003]) {
      const inflated = inflateSync(deflatedZeros(size));
      expect(inflated.length).toBe(size);
      expect(inflated.every((byte) => byte === 0)).toBe(true);
    }
  });

  it('encodeGbk round-trips through the GBK decoder', () => {
    const text = '海西州人民政府关于2021年法治政府建设情况的报告，（一）深入学习贯彻习近平法治思想。';
    const bytes = encodeGbk(text);
    expect(bytes.length).toBeLessThan(new TextEncoder().encode(text).length);
    expect(new TextDecoder('gbk').decode(bytes)).toBe(text);
  });

  it('crc32 matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
