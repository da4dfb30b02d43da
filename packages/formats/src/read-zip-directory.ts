// Reads a zip archive's central directory (names and declared sizes) without decompressing anything.
import { EncryptedFileError, UnreadableFileError, UnsafeFileError } from './format-error.js';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const endOfDirectorySignature = 0x06054b50;
const directoryEntrySignature = 0x02014b50;
const endOfDirectorySize = 22;
const maxCommentSize = 0xffff;

/**
 * The entries listed in the central directory. Refuses ZIP64 archives (a report never needs them) and archives that
 * declare more than `maxEntries` entries, before reading any entry.
 */
export function readZipDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  const entryCount = view.getUint16(end + 10, true);
  const directorySize = view.getUint32(end + 12, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new UnsafeFileError('ZIP64 archives are not accepted');
  }
  if (entryCount > maxEntries) {
    throw new UnsafeFileError(`Zip declares ${entryCount} entries, more than ${maxEntries}`);
  }
  if (directoryOffset + directorySize > end) throw new UnreadableFileError('Zip central directory is out of bounds');

  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let offset = directoryOffset;
  for (let index = 0; index < entryCount; index += 1) {
    if (offset + 46 > end || view.getUint32(offset, true) !== directoryEntrySignature) {
      throw new UnreadableFileError('Zip central directory is damaged');
    }
    const flags = view.getUint16(offset + 8, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    if (offset + 46 + nameLength > end) throw new UnreadableFileError('Zip entry name is out of bounds');
    const name = decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength));
    if ((flags & 1) !== 0) throw new EncryptedFileError(`Zip entry ${name} is encrypted`);
    entries.push({
      name,
      method: view.getUint16(offset + 10, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

// The end-of-central-directory record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
function findEndOfDirectory(view: DataView): number {
  const last = view.byteLength - endOfDirectorySize;
  const first = Math.max(0, last - maxCommentSize);
  for (let offset = last; offset >= first; offset -= 1) {
    if (view.getUint32(offset, true) === endOfDirectorySignature) return offset;
  }
  throw new UnreadableFileError('Zip end of central directory not found');
}
