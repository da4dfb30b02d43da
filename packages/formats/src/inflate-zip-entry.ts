// Decompresses one zip entry while counting its output, so an entry that lies about its size is stopped early.
import { Inflate } from 'fflate';
import { UnreadableFileError, UnsafeFileError } from './format-error.js';
import type { ZipEntry } from './read-zip-directory.js';

const localHeaderSignature = 0x04034b50;
// Small input slices bound how much one push can expand (deflate peaks near 1032:1).
const sliceSize = 16 * 1024;

/** The entry's bytes; throws UnsafeFileError as soon as the output exceeds the size the directory declared. */
export function inflateZipEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize) throw new UnsafeFileError(`Stored entry ${entry.name} has the wrong size`);
    return data;
  }
  if (entry.method !== 8) throw new UnreadableFileError(`Zip entry ${entry.name} uses compression method ${entry.method}`);

  const output = new Uint8Array(entry.uncompressedSize);
  let written = 0;
  const inflater = new Inflate((chunk) => {
    if (written + chunk.length > output.length) {
      throw new UnsafeFileError(`Zip entry ${entry.name} expands beyond its declared ${entry.uncompressedSize} bytes`);
    }
    output.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let start = 0; start < data.length; start += sliceSize) {
      const end = Math.min(start + sliceSize, data.length);
      inflater.push(data.subarray(start, end), end === data.length);
    }
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof UnsafeFileError) throw error;
    throw new UnreadableFileError(`Zip entry ${entry.name} cannot be decompressed`, { cause: error });
  }
  if (written !== entry.uncompressedSize) {
    throw new UnreadableFileError(`Zip entry ${entry.name} is shorter than its declared size`);
  }
  return output;
}

function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > bytes.length || view.getUint32(header, true) !== localHeaderSignature) {
    throw new UnreadableFileError(`Zip local header of ${entry.name} is damaged`);
  }
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new UnreadableFileError(`Zip entry ${entry.name} is out of bounds`);
  return bytes.subarray(start, end);
}
