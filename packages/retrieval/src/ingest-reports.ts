// Ingestion: parse → passages → embed (reusing stored vectors) → one atomic commit per batch.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Embeddings } from '@langchain/core/embeddings';
import type { ChunkOptions, ParsedReport, ParseOptions } from '@report-qa/parser';
import type { EmbeddingModelInfo } from './described-embeddings.js';
import { documentId, sha256 } from './document-id.js';
import type { IndexBackend, SentenceVectorBackend } from './index-backend.js';
import type { NewDocument, NewPassage } from './index-store.js';
import type { KeywordTokenizer } from './keyword-tokenizer.js';
import { passageEmbeddingText, passageKeywordText } from './passage-text.js';
import { embedSentences } from './sentence-vectors.js';
import type { IngestProgress, IngestSummary } from './types.js';

export type ParseFunction = (input: string | Uint8Array, options: ParseOptions) => ParsedReport;

export interface IngestContext {
  backend: IndexBackend;
  embeddings: Embeddings | null;
  model: EmbeddingModelInfo | null;
  tokenizer: KeywordTokenizer;
  parse: ParseFunction;
  chunking: ChunkOptions;
  sentences: SentenceVectorBackend;
}

export interface IndexReportsOptions {
  onProgress?: (progress: IngestProgress) => void;
  /** Which files of a directory are reports (default: .txt .md .markdown .html .htm, not README*). */
  filter?: (fileName: string) => boolean;
  /** Re-embed and rewrite every given report even when unchanged. */
  force?: boolean;
  /** Commit after about this many passages, so a long ingest keeps what it has done (default 2000). */
  batchPassages?: number;
  /** When given a directory, remove documents whose files are gone (default true). */
  removeMissing?: boolean;
  /** ISO time recorded as the documents' indexedAt instead of now (a restored upload keeps the time it was uploaded). */
  indexedAt?: string;
}

const TEXT_REPORT_FILE = /\.(txt|md|markdown|html?)$/i;

/** A filter for report files with the given extensions: never a README or a hidden file. */
export function reportFileFilter(extensions: RegExp): (name: string) => boolean {
  return (name) => extensions.test(name) && !/^readme/i.test(name) && !name.startsWith('.');
}

/** Text reports (.txt .md .markdown .html .htm), the ones this package reads itself. */
export const defaultReportFilter = reportFileFilter(TEXT_REPORT_FILE);

/** The report files of the given files and folders (a folder's files that pass `filter`), sorted; and whether a folder was given. */
export function listReportFiles(paths: readonly string[], filter: (name: string) => boolean = defaultReportFilter): { files: string[]; sawFolder: boolean } {
  const files: string[] = [];
  let sawFolder = false;
  for (const path of paths) {
    if (statSync(path).isDirectory()) {
      sawFolder = true;
      for (const entry of readdirSync(path, { withFileTypes: true })) if (entry.isFile() && filter(entry.name)) files.push(join(path, entry.name));
    } else {
      files.push(path);
    }
  }
  return { files: files.sort(), sawFolder };
}

interface Input {
  source: string;
  read: () => string | Uint8Array;
}

/** Indexes files, or every report file of a directory (then removing documents whose files are gone). */
export async function indexReports(context: IngestContext, input: string | string[], options: IndexReportsOptions = {}): Promise<IngestSummary> {
  const given = typeof input === 'string' ? [input] : input;
  const directoryMode = typeof input === 'string' && statSync(input).isDirectory();
  const paths = directoryMode ? listReportFiles(given, options.filter ?? defaultReportFilter).files : given;
  const inputs = paths.map((path): Input => ({ source: basename(path), read: () => readFileSync(path) }));
  await context.backend.refresh();
  const removals =
    directoryMode && options.removeMissing !== false
      ? context.backend.documents().filter((document) => !inputs.some((item) => item.source === document.source))
      : [];
  return ingest(context, inputs, removals.map((document) => document.id), options);
}

/** Indexes one uploaded report; a report with the same source name is replaced. */
export async function addReport(
  context: IngestContext,
  input: string | Uint8Array,
  source: string,
  options: IndexReportsOptions = {},
): Promise<IngestSummary> {
  return ingest(context, [{ source, read: () => input }], [], options);
}

async function ingest(context: IngestContext, inputs: Input[], removalIds: string[], options: IndexReportsOptions): Promise<IngestSummary> {
  const started = Date.now();
  const { backend } = context;
  await backend.refresh();
  backend.checkModel(context.model, true);
  const onProgress = options.onProgress ?? (() => {});
  const summary: IngestSummary = { added: [], updated: [], unchanged: [], removed: [], passages: 0, elapsedMs: 0 };
  const known = new Map(backend.documents().map((document) => [document.id, document]));

  for (const id of removalIds) {
    const document = known.get(id);
    if (document) onProgress({ phase: 'remove', docId: id, source: document.source });
  }
  if (removalIds.length > 0) {
    await backend.commit({ upserts: [], removals: removalIds }, context.model);
    summary.removed.push(...removalIds);
  }

  const batchPassages = options.batchPassages ?? 2000;
  let batch: NewDocument[] = [];
  let committed = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const total = batch.reduce((sum, document) => sum + document.passages.length, 0);
    await embedBatch(context, batch, options.force ?? false, (done) => onProgress({ phase: 'embed', done, total }));
    await backend.commit({ upserts: batch, removals: [] }, context.model);
    for (const document of batch) await storeSentenceVectors(context, document.id, document.contentHash, document.original);
    committed += batch.length;
    onProgress({ phase: 'index', done: committed, total: inputs.length });
    batch = [];
  };

  for (const [index, input] of inputs.entries()) {
    onProgress({ phase: 'parse', file: input.source, done: index, total: inputs.length });
    const parsed = context.parse(input.read(), { source: input.source, ...context.chunking });
    const id = documentId(input.source);
    const contentHash = sha256(parsed.original);
    const previous = known.get(id);
    if (previous && previous.contentHash === contentHash && !options.force && !(await needsVectors(context, id))) {
      // An index built before sentence vectors existed gets them without re-embedding its passages.
      await storeSentenceVectors(context, id, contentHash, parsed.original);
      summary.unchanged.push(id);
      onProgress({ phase: 'skip', file: input.source, reason: 'unchanged' });
      continue;
    }
    (previous ? summary.updated : summary.added).push(id);
    batch.push({ ...toNewDocument(context, id, input.source, contentHash, parsed), ...(options.indexedAt ? { indexedAt: options.indexedAt } : {}) });
    summary.passages += parsed.chunks.length;
    if (batch.reduce((sum, document) => sum + document.passages.length, 0) >= batchPassages) await flush();
  }
  await flush();
  if (removalIds.length > 0) await context.sentences.prune();
  summary.elapsedMs = Date.now() - started;
  return summary;
}

/** Embeds a document's sentences once per content and model (nothing to do in keyword-only mode). */
async function storeSentenceVectors(context: IngestContext, id: string, contentHash: string, original: string): Promise<void> {
  if (!context.embeddings || !context.model) return;
  if (await context.sentences.has(id, contentHash, context.model.model)) return;
  const vectors = await embedSentences(original, context.embeddings);
  await context.sentences.put(id, contentHash, context.model.model, vectors);
}

/** A document stored without vectors (keyword-only ingest) needs them once embeddings are configured. */
async function needsVectors(context: IngestContext, id: string): Promise<boolean> {
  if (!context.embeddings) return false;
  return context.backend.lacksVectors(id);
}

function toNewDocument(context: IngestContext, id: string, source: string, contentHash: string, parsed: ParsedReport): NewDocument {
  const passages: NewPassage[] = parsed.chunks.map((chunk) => {
    const embedText = passageEmbeddingText(parsed.metadata, chunk.sectionPath, chunk.text);
    return {
      chunkId: chunk.id,
      sectionPath: chunk.sectionPath,
      text: chunk.text,
      start: chunk.start,
      end: chunk.end,
      tokens: context.tokenizer.tokenize(passageKeywordText(chunk.sectionPath, chunk.text)).join(' '),
      embedHash: context.model ? sha256(`${context.model.model}\n${embedText}`) : sha256(embedText),
      vector: null,
    };
  });
  // Keep the text to embed beside each passage until embedBatch has used it.
  embedTexts.set(passages, passages.map((_, index) => passageEmbeddingText(parsed.metadata, parsed.chunks[index]!.sectionPath, parsed.chunks[index]!.text)));
  return { id, source, contentHash, metadata: parsed.metadata, original: parsed.original, passages };
}

const embedTexts = new WeakMap<NewPassage[], string[]>();

async function embedBatch(context: IngestContext, documents: NewDocument[], force: boolean, onDone: (done: number) => void): Promise<void> {
  if (!context.embeddings) return;
  const pending: { passage: NewPassage; text: string }[] = [];
  const stored = force ? new Map<string, Float32Array>() : await context.backend.cachedVectors(documents.flatMap((document) => document.passages.map((passage) => passage.embedHash)));
  for (const document of documents) {
    const texts = embedTexts.get(document.passages) ?? [];
    document.passages.forEach((passage, index) => {
      const cached = stored.get(passage.embedHash) ?? null;
      if (cached) passage.vector = cached;
      else pending.push({ passage, text: texts[index] ?? passage.text });
    });
  }
  const total = documents.reduce((sum, document) => sum + document.passages.length, 0);
  let done = total - pending.length;
  onDone(done);
  const step = 64;
  for (let offset = 0; offset < pending.length; offset += step) {
    const slice = pending.slice(offset, offset + step);
    const vectors = await context.embeddings.embedDocuments(slice.map((item) => item.text));
    slice.forEach((item, index) => {
      item.passage.vector = Float32Array.from(vectors[index]!);
    });
    done += slice.length;
    onDone(done);
  }
}
