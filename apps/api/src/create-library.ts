// The report library behind the API: uploads (any supported format), deletion and reindexing, one write at a time.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { safeFileName, type ExtractedReport, type ReportExtractor } from '@report-qa/formats';
import type { DocumentRecord, ReportIndex } from '@report-qa/retrieval';
import type { AppConfig } from './config.js';
import type { Library, UploadOutcome } from './library.js';
import { storageApiError } from './storage-error.js';

/** Prefix of an original still being written: only complete files carry their final name. */
export const PARTIAL_UPLOAD_PREFIX = '.uploading-';

export function uploadsDir(config: Pick<AppConfig, 'dataDir'>): string {
  return join(config.dataDir, 'uploads');
}

/** Source names of uploaded reports (their originals are kept in data/uploads/; dot-files are not reports). */
export function uploadedSources(config: Pick<AppConfig, 'dataDir'>): Set<string> {
  const dir = uploadsDir(config);
  return new Set(existsSync(dir) ? readdirSync(dir).filter((name) => !name.startsWith('.')) : []);
}

/** The hash uploads are deduplicated by: the extracted text, without a byte-order mark. */
export function uploadContentHash(text: string): string {
  return createHash('sha256').update(text.replace(/^\uFEFF/, '')).digest('hex');
}

/** The library's document with this content, if any: the same report uploaded again is not added twice. */
export function findSameContent(index: ReportIndex, text: string): DocumentRecord | undefined {
  const contentHash = uploadContentHash(text);
  return index.documents().find((document) => document.contentHash === contentHash);
}

/**
 * Keeps an upload's original under its final name only once it is whole: written under a temporary name, then
 * renamed. A kill -9 leaves either a temporary file (removed at start) or a complete one (indexed at start).
 */
export function saveOriginal(config: Pick<AppConfig, 'dataDir'>, source: string, bytes: Uint8Array): void {
  const dir = uploadsDir(config);
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

export function createLibrary({
  index,
  config,
  warnings,
  extract,
}: {
  index: ReportIndex;
  config: AppConfig;
  warnings: string[];
  /** Turns uploaded bytes into text (in a worker thread, with the configured limits). */
  extract: ReportExtractor;
}): Library {
  let queue: Promise<unknown> = Promise.resolve();
  // Writes run one after another; readers keep using the committed index meanwhile.
  const serialised = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work, work);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    searcher: index,
    // On PostgreSQL other processes write too: each request first looks at the generation number.
    ...(index.store === 'postgres' ? { refresh: () => index.refresh() } : {}),
    status() {
      const stats = index.stats();
      const embeddings = config.embeddings;
      return {
        documents: stats.documents,
        passages: stats.passages,
        embeddings: {
          provider: stats.mode === 'keyword' ? 'none' : embeddings.provider,
          model: stats.model?.model ?? null,
          warning: stats.mode === 'keyword' ? (warnings[0] ?? '仅使用关键词检索') : null,
        },
        warnings,
      };
    },
    async upload(files) {
      // Every file is read before any is added, so a refused file leaves the library as it was. Reading happens
      // outside the write queue (and off the main thread): a slow or hostile file holds up no delete or other upload.
      const extractions: { file: (typeof files)[number]; extracted: ExtractedReport }[] = [];
      for (const file of files) {
        extractions.push({ file, extracted: await extract(file.bytes, { filename: file.name, maxBytes: config.maxUploadBytes }) });
      }
      return serialised(async () => {
        const outcomes: UploadOutcome[] = [];
        for (const { file, extracted } of extractions) {
          const existing = findSameContent(index, extracted.text);
          if (existing) {
            outcomes.push({ source: existing.source, status: 'existing', document: existing });
            continue;
          }
          const source = uniqueSource(safeFileName(file.name, extracted.format), index, config);
          let summary: Awaited<ReturnType<ReportIndex['addReport']>>;
          try {
            saveOriginal(config, source, file.bytes);
            summary = await index.addReport(extracted.text, source);
          } catch (error) {
            // The index is as it was (atomic commit); do not keep an original that no document points at.
            rmSync(join(uploadsDir(config), source), { force: true });
            throw storageApiError(error) ?? error;
          }
          const id = summary.added[0] ?? summary.updated[0] ?? summary.unchanged[0];
          const document = index.documents().find((candidate) => candidate.id === id);
          if (!document) throw new Error(`uploaded report ${source} is missing from the index after ingest`);
          // The original's time is the upload's time: a rebuilt index (report-qa repair) gives it back to the document.
          try {
            utimesSync(join(uploadsDir(config), source), new Date(document.indexedAt), new Date(document.indexedAt));
          } catch {
            // Only a nicety: the report is stored either way.
          }
          outcomes.push({ source, status: 'added', document });
        }
        return outcomes;
      });
    },
    remove(id) {
      return serialised(async () => {
        const document = index.documents().find((candidate) => candidate.id === id);
        let removed: boolean;
        try {
          removed = document !== undefined && (await index.deleteDocument(id));
        } catch (error) {
          throw storageApiError(error) ?? error;
        }
        if (!document || !removed) return false;
        rmSync(join(uploadsDir(config), document.source), { force: true });
        return true;
      });
    },
    reindex(id) {
      return serialised(async () => {
        const document = index.getDocument(id);
        if (!document) return null;
        const summary = await index.addReport(document.original, document.source, { force: true }).catch((error: unknown) => {
          throw storageApiError(error) ?? error;
        });
        const newId = summary.updated[0] ?? summary.added[0] ?? id;
        return index.documents().find((candidate) => candidate.id === newId) ?? null;
      });
    },
  };
}

/** The stored name, made unique so an upload never replaces a different report of the same name. */
function uniqueSource(name: string, index: ReportIndex, config: AppConfig): string {
  const taken = new Set([...index.documents().map((document) => document.source), ...readdirSafe(config.reportsDir), ...uploadedSources(config)]);
  if (!taken.has(name)) return name;
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  for (let n = 2; ; n += 1) {
    const candidate = `${stem}-${n}${extension}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function readdirSafe(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}
