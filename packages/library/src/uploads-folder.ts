// The uploads folder (DATA_DIR/uploads): where an uploaded report's original is kept, written so a crash leaves no half file.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Prefix of an original still being written: only complete files carry their final name. */
export const PARTIAL_UPLOAD_PREFIX = '.uploading-';

export function uploadsDir({ dataDir }: { dataDir: string }): string {
  return join(dataDir, 'uploads');
}

/** Source names of uploaded reports (their originals are kept in data/uploads/; dot-files are not reports). */
export function uploadedSources(paths: { dataDir: string }): Set<string> {
  const dir = uploadsDir(paths);
  return new Set(existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : []);
}

/**
 * Whether a document is an upload, read from the folder once per document record: a record lasts until the index
 * changes (an upload saves its original before it commits), so answers do not list the folder for every citation.
 */
export function uploadMarker(paths: { dataDir: string }): (document: { source: string }) => boolean {
  const known = new WeakMap<object, boolean>();
  return (document) => {
    let upload = known.get(document);
    if (upload === undefined) {
      upload = uploadedSources(paths).has(document.source);
      known.set(document, upload);
    }
    return upload;
  };
}

/**
 * Keeps an upload's original under its final name only once it is whole: written under a temporary name, then
 * renamed. A kill -9 leaves either a temporary file (removed at start) or a complete one (indexed at start).
 */
export function saveOriginal(paths: { dataDir: string }, source: string, bytes: Uint8Array): void {
  const dir = uploadsDir(paths);
  mkdirSync(dir, { recursive: true });
  const partial = join(dir, `${PARTIAL_UPLOAD_PREFIX}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  try {
    writeFileSync(partial, bytes);
    renameSync(partial, join(dir, source));
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}
