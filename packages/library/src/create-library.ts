// The report library: uploads (any supported format), deletion and reindexing, one write at a time.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { safeFileName, type ExtractedReport, type ReportExtractor } from '@report-qa/formats';
import type { DocumentRecord, ReportIndex } from '@report-qa/retrieval';
import type { Library, LibraryPaths, UploadOutcome } from './library.js';
import { describeStorageFailure } from './library-storage-error.js';
import { saveOriginal, uploadedSources, uploadsDir } from './uploads-folder.js';

/** The hash uploads are deduplicated by: the extracted text, without a byte-order mark. */
export function uploadContentHash(text: string): string {
  return createHash('sha256').update(text.replace(/^\uFEFF/, '')).digest('hex');
}

/** The library's document with this content, if any: the same report uploaded again is not added twice. */
export function findSameContent(index: ReportIndex, text: string): DocumentRecord | undefined {
  const contentHash = uploadContentHash(text);
  return index.documents().find((document) => document.contentHash === contentHash);
}

export interface CreateLibraryOptions extends LibraryPaths {
  index: ReportIndex;
  /** The embedding provider asked for, shown by status() while vectors are in use. */
  embeddingProvider: 'local' | 'openai' | 'none';
  /** Problems users should see, in Chinese; the first one explains a keyword-only index. Read on every status(). */
  warnings: string[];
  /** Turns uploaded bytes into text (in a worker thread, with limits). */
  extract: ReportExtractor;
  /** Largest upload read, in bytes. */
  maxUploadBytes: number;
}

export function createLibrary(options: CreateLibraryOptions): Library {
  const { index, warnings, extract, maxUploadBytes } = options;
  const paths: LibraryPaths = { dataDir: options.dataDir, reportsDir: options.reportsDir, indexDir: options.indexDir };
  // A failed write names both folders it may have been in: the index and the uploads.
  const storageFailure = (error: unknown, action: string) => describeStorageFailure(error, `${paths.indexDir}（上传目录 ${uploadsDir(paths)}）`, action) ?? error;
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
      return {
        documents: stats.documents,
        passages: stats.passages,
        embeddings: {
          provider: stats.mode === 'keyword' ? 'none' : options.embeddingProvider,
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
        extractions.push({ file, extracted: await extract(file.bytes, { filename: file.name, maxBytes: maxUploadBytes }) });
      }
      return serialised(async () => {
        const outcomes: UploadOutcome[] = [];
        for (const { file, extracted } of extractions) {
          const existing = findSameContent(index, extracted.text);
          if (existing) {
            outcomes.push({ source: existing.source, status: 'existing', document: existing });
            continue;
          }
          const source = uniqueSource(safeFileName(file.name, extracted.format), index, paths);
          let summary: Awaited<ReturnType<ReportIndex['addReport']>>;
          try {
            saveOriginal(paths, source, file.bytes);
            summary = await index.addReport(extracted.text, source);
          } catch (error) {
            // The index is as it was (atomic commit); do not keep an original that no document points at.
            rmSync(join(uploadsDir(paths), source), { force: true });
            throw storageFailure(error, '保存上传的报告');
          }
          const id = summary.added[0] ?? summary.updated[0] ?? summary.unchanged[0];
          const document = index.documents().find((candidate) => candidate.id === id);
          if (!document) throw new Error(`uploaded report ${source} is missing from the index after ingest`);
          // The original's time is the upload's time: a rebuilt index (report-qa repair) gives it back to the document.
          try {
            utimesSync(join(uploadsDir(paths), source), new Date(document.indexedAt), new Date(document.indexedAt));
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
          throw storageFailure(error, '删除报告');
        }
        if (!document || !removed) return false;
        rmSync(join(uploadsDir(paths), document.source), { force: true });
        return true;
      });
    },
    reindex(id) {
      return serialised(async () => {
        const document = index.getDocument(id);
        if (!document) return null;
        const summary = await index.addReport(document.original, document.source, { force: true }).catch((error: unknown) => {
          throw storageFailure(error, '重建报告的索引');
        });
        const newId = summary.updated[0] ?? summary.added[0] ?? id;
        return index.documents().find((candidate) => candidate.id === newId) ?? null;
      });
    },
  };
}

/** The stored name, made unique so an upload never replaces a different report of the same name. */
function uniqueSource(name: string, index: ReportIndex, paths: LibraryPaths): string {
  const taken = new Set([...index.documents().map((document) => document.source), ...readdirSafe(paths.reportsDir), ...uploadedSources(paths)]);
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
