// The zip-bomb guard refuses oversized, absurdly compressed, lying and crowded archives before mammoth sees them.
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { assertSafeZip, defaultZipLimits } from './assert-safe-zip.js';
import { UnsafeFileError } from './format-error.js';
import { readZipDirectory } from './read-zip-directory.js';
import { buildZip, crc32, deflatedZeros, makeZipBomb } from './testing/index.js';

const encoder = new TextEncoder();

function check(bytes: Uint8Array, limits = defaultZipLimits, maxEntries = 5000): void {
  assertSafeZip(bytes, readZipDirectory(bytes, maxEntries), limits);
}

describe('assertSafeZip', () => {
  it('accepts an honest archive and reads its names and sizes', () => {
    const text = encoder.encode('<w:document>'.repeat(1000));
    const bytes = buildZip([{ name: 'word/document.xml', data: deflateSync(text), method: 8, uncompressedSize: text.length, crc: crc32(text) }]);
    const entries = readZipDirectory(bytes, 10);
    expect(entries.map((entry) => [entry.name, entry.uncompressedSize])).toEqual([['word/document.xml', 12_000]]);
    expect(() => check(bytes)).not.toThrow();
  });

  it('refuses a 300 MB zip bomb from its central directory, fast', () => {
    const bomb = makeZipBomb(300 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const started = performance.now();
    expect(() => check(bomb)).toThrow(UnsafeFileError);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses when the total exceeds a lower configured limit', () => {
    const bomb = makeZipBomb(3 * 1024 * 1024);
    expect(() => check(bomb, { ...defaultZipLimits, maxUncompressedBytes: 1024 * 1024 })).toThrow(/more than 1048576 bytes/);
    expect(() => check(bomb)).not.toThrow();
  });

  it('refuses an entry whose declared expansion is absurd', () => {
    const data = deflatedZeros(100 * 1024);
    const bytes = buildZip([{ name: 'word/media/image1.png', data, method: 8, uncompressedSize: 50 * 1024 * 1024 }]);
    expect(() => check(bytes)).toThrow(/expands \d+:1/);
  });

  it('stops inflating an entry that expands beyond the size its directory declares', () => {
    const bytes = buildZip([{ name: 'word/document.xml', data: deflatedZeros(64 * 1024 * 1024), method: 8, uncompressedSize: 2048 }]);
    const started = performance.now();
    expect(() => check(bytes)).toThrow(/beyond its declared 2048 bytes/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('refuses archives with more entries than allowed before reading them', () => {
    const entry = { data: new Uint8Array(0), method: 0 as const, uncompressedSize: 0 };
    const bytes = buildZip(Array.from({ length: 20 }, (_, index) => ({ ...entry, name: `f${index}` })));
    expect(() => readZipDirectory(bytes, 19)).toThrow(UnsafeFileError);
    expect(readZipDirectory(bytes, 20)).toHaveLength(20);
  });
});
