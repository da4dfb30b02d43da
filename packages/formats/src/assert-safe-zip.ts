// Zip-bomb guard: refuses an archive from its central directory, then checks that every entry inflates to its declared size.
import { UnsafeFileError } from './format-error.js';
import { inflateZipEntry } from './inflate-zip-entry.js';
import type { ZipEntry } from './read-zip-directory.js';

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes, in bytes. */
  maxUncompressedBytes: number;
  /** Expansion allowed for an entry over `ratioFloorBytes`; real DOCX parts stay far below. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const defaultZipLimits: ZipLimits = {
  maxUncompressedBytes: 200 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/**
 * Throws UnsafeFileError when the declared sizes are too big or absurdly compressed; only then decompresses each
 * entry (bounded by its declared size) to prove the directory does not lie. Cheap for honest documents.
 */
export function assertSafeZip(bytes: Uint8Array, entries: readonly ZipEntry[], limits: ZipLimits): void {
  let total = 0;
  for (const entry of entries) {
    total += entry.uncompressedSize;
    if (total > limits.maxUncompressedBytes) {
      throw new UnsafeFileError(`Zip expands to more than ${limits.maxUncompressedBytes} bytes`);
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
      throw new UnsafeFileError(`Zip entry ${entry.name} expands ${Math.round(ratio)}:1`);
    }
  }
  for (const entry of entries) {
    if (!entry.name.endsWith('/')) inflateZipEntry(bytes, entry);
  }
}
