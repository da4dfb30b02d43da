// The SQLite side of the index: documents, passages with their vectors, the FTS5 keyword table and metadata.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import type { ReportMetadata } from '@report-qa/parser';
import { z } from 'zod';
import { IndexCorruptError } from './retrieval-error.js';
import type { DocumentRecord, PassageRecord } from './types.js';

export const DATABASE_FILE = 'index.sqlite';

/** A passage about to be stored: its vector may be missing in keyword-only mode. */
export interface NewPassage {
  chunkId: string;
  sectionPath: string;
  text: string;
  start: number;
  end: number;
  /** Space-joined keyword tokens for FTS5. */
  tokens: string;
  /** Hash of the exact text that was embedded, to reuse vectors of unchanged passages. */
  embedHash: string;
  vector: Float32Array | null;
}

export interface NewDocument {
  id: string;
  source: string;
  contentHash: string;
  metadata: ReportMetadata;
  original: string;
  passages: NewPassage[];
  /** When the report entered the library, if earlier than this commit (an upload restored by a repair). */
  indexedAt?: string;
}

interface DocumentRow {
  id: string;
  source: string;
  content_hash: string;
  metadata_json: string;
  passages: number;
  indexed_at: string;
}

interface PassageRow {
  id: number;
  chunk_id: string;
  doc_id: string;
  section_path: string;
  text: string;
  start_offset: number;
  end_offset: number;
}

// Metadata comes back from disk: check the fields we rely on, keep the rest as written.
const metadataSchema = z.looseObject({
  title: z.string().nullable().catch(null),
  region: z.string().nullable().catch(null),
  regionPath: z.array(z.string()).catch([]),
  level: z.enum(['province', 'city', 'county', 'department']).nullable().catch(null),
  year: z.number().int().nullable().catch(null),
  issuer: z.string().nullable().catch(null),
  docNumber: z.string().nullable().catch(null),
  publishedAt: z.string().nullable().catch(null),
  signer: z.string().nullable().catch(null),
});

// The FTS table is contentless: the tokens are only needed for matching and BM25, never read back.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
  id TEXT PRIMARY KEY, source TEXT NOT NULL UNIQUE, content_hash TEXT NOT NULL, metadata_json TEXT NOT NULL,
  original TEXT NOT NULL, passages INTEGER NOT NULL, indexed_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS passages (
  id INTEGER PRIMARY KEY AUTOINCREMENT, chunk_id TEXT NOT NULL, doc_id TEXT NOT NULL, ord INTEGER NOT NULL,
  section_path TEXT NOT NULL, text TEXT NOT NULL, start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL,
  embed_hash TEXT NOT NULL, vector BLOB);
CREATE INDEX IF NOT EXISTS passages_doc ON passages (doc_id);
CREATE INDEX IF NOT EXISTS passages_embed ON passages (embed_hash);
CREATE VIRTUAL TABLE IF NOT EXISTS passages_fts USING fts5 (
  tokens, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 0');
CREATE VIRTUAL TABLE IF NOT EXISTS passages_vocab USING fts5vocab (passages_fts, 'row');
`;

/** Thin typed access to the SQLite file; every write method runs inside the caller's transaction. */
export class IndexStore {
  readonly db: Database.Database;

  constructor(file: string, options: { readonly?: boolean } = {}) {
    this.db = new Database(file, options.readonly ? { readonly: true, fileMustExist: true } : {});
    try {
      this.db.pragma('busy_timeout = 5000');
      // Before anything is written: a damaged file must be refused as it is, not built upon.
      const problem = this.integrityProblem();
      if (problem) throw new IndexCorruptError(file, `SQLite 完整性检查未通过（${problem}）`);
      if (!options.readonly) {
        this.db.pragma('journal_mode = WAL');
        this.db.pragma('synchronous = NORMAL');
        this.db.exec(SCHEMA);
      }
    } catch (error) {
      this.db.close();
      throw asIndexCorruptError(error, file) ?? error;
    }
  }

  /** SQLite's quick_check: null when the file is sound, else its first findings. Throws SQLITE_NOTADB for a file that is no database. */
  integrityProblem(): string | null {
    const rows = this.db.pragma('quick_check(3)') as { quick_check: string }[];
    const findings = rows.map((row) => row.quick_check).filter((finding) => finding !== 'ok');
    return findings.length > 0 ? findings.join('; ').slice(0, 300) : null;
  }

  /** Several meta values read in one statement, so they come from one committed state. */
  metaValues<K extends string>(keys: readonly K[]): Record<K, string | null> {
    const rows = this.db.prepare(`SELECT key, value FROM meta WHERE key IN (${keys.map(() => '?').join(', ')})`).all(...keys) as { key: K; value: string }[];
    const values = Object.fromEntries(keys.map((key) => [key, null])) as Record<K, string | null>;
    for (const row of rows) values[row.key] = row.value;
    return values;
  }

  /** Changes whenever another connection commits: cheap to poll before each search. */
  dataVersion(): number {
    return this.statement('PRAGMA data_version').pluck().get() as number;
  }

  /** Statements of the per-search path, prepared once (SQLite re-prepares them itself after a schema change). */
  private readonly prepared = new Map<string, Database.Statement>();
  private statement(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }

  getMeta(key: string): string | null {
    const row = this.statement('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string | null): void {
    if (value === null) this.db.prepare('DELETE FROM meta WHERE key = ?').run(key);
    else this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  /** Takes the write lock first, so a second writer waits instead of working from a stale generation. */
  writeTransaction<T>(work: () => T): T {
    return this.db.transaction(work).immediate();
  }

  documents(): DocumentRecord[] {
    const rows = this.db.prepare('SELECT id, source, content_hash, metadata_json, passages, indexed_at FROM documents ORDER BY source').all() as DocumentRow[];
    return rows.map(toDocumentRecord);
  }

  /** Sources of documents whose stored original no longer has the sha256 recorded when it was indexed. */
  documentsFailingChecksum(): string[] {
    const failing: string[] = [];
    const rows = this.db.prepare('SELECT source, content_hash, original FROM documents').iterate() as Iterable<{ source: string; content_hash: string; original: string }>;
    for (const row of rows) {
      if (createHash('sha256').update(row.original).digest('hex') !== row.content_hash) failing.push(row.source);
    }
    return failing;
  }

  original(id: string): string | null {
    const row = this.db.prepare('SELECT original FROM documents WHERE id = ?').get(id) as { original: string } | undefined;
    return row?.original ?? null;
  }

  /** Inserts a document and its passages; returns the passages' labels (row ids) in order. */
  insertDocument(document: NewDocument, indexedAt: string): number[] {
    this.db
      .prepare('INSERT INTO documents (id, source, content_hash, metadata_json, original, passages, indexed_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(document.id, document.source, document.contentHash, JSON.stringify(document.metadata), document.original, document.passages.length, indexedAt);
    const insertPassage = this.db.prepare(
      'INSERT INTO passages (chunk_id, doc_id, ord, section_path, text, start_offset, end_offset, embed_hash, vector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const insertTokens = this.db.prepare('INSERT INTO passages_fts (rowid, tokens) VALUES (?, ?)');
    return document.passages.map((passage, ord) => {
      const vector = passage.vector ? Buffer.from(passage.vector.buffer, passage.vector.byteOffset, passage.vector.byteLength) : null;
      const { lastInsertRowid } = insertPassage.run(
        passage.chunkId, document.id, ord, passage.sectionPath, passage.text, passage.start, passage.end, passage.embedHash, vector,
      );
      insertTokens.run(lastInsertRowid, passage.tokens);
      return Number(lastInsertRowid);
    });
  }

  /** Deletes a document and its passages; returns the labels that left. */
  deleteDocument(id: string): number[] {
    const labels = (this.db.prepare('SELECT id FROM passages WHERE doc_id = ?').all(id) as { id: number }[]).map((row) => row.id);
    const deleteTokens = this.db.prepare('DELETE FROM passages_fts WHERE rowid = ?');
    for (const label of labels) deleteTokens.run(label);
    this.db.prepare('DELETE FROM passages WHERE doc_id = ?').run(id);
    this.db.prepare('DELETE FROM documents WHERE id = ?').run(id);
    return labels;
  }

  /** A stored vector for text embedded earlier, so unchanged passages are not embedded again. */
  cachedVector(embedHash: string): Float32Array | null {
    const row = this.db.prepare('SELECT vector FROM passages WHERE embed_hash = ? AND vector IS NOT NULL LIMIT 1').get(embedHash) as
      | { vector: Buffer }
      | undefined;
    return row ? toFloat32(row.vector) : null;
  }

  /** Every stored vector, for rebuilding the HNSW file. */
  *vectors(): Generator<{ label: number; vector: Float32Array }> {
    const rows = this.db.prepare('SELECT id, vector FROM passages WHERE vector IS NOT NULL ORDER BY id').iterate() as Iterable<{ id: number; vector: Buffer }>;
    for (const row of rows) yield { label: row.id, vector: toFloat32(row.vector) };
  }

  passageCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number }).n;
  }

  vectorCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM passages WHERE vector IS NOT NULL').get() as { n: number }).n;
  }

  /** How many passages contain each token (0 for unknown tokens). */
  documentFrequencies(tokens: string[]): Map<string, number> {
    const statement = this.statement('SELECT doc FROM passages_vocab WHERE term = ?');
    return new Map(tokens.map((token) => [token, (statement.get(token) as { doc: number } | undefined)?.doc ?? 0]));
  }

  /** BM25 over the token table; the FTS query is built by the caller. Lower bm25() is better. */
  keywordSearch(match: string, limit: number, docIds: Set<string> | null): { label: number; score: number }[] {
    if (docIds && docIds.size === 0) return [];
    if (!docIds) {
      return this.statement('SELECT rowid AS label, bm25(passages_fts) AS score FROM passages_fts WHERE passages_fts MATCH ? ORDER BY score LIMIT ?').all(
        match,
        limit,
      ) as { label: number; score: number }[];
    }
    const sql = `SELECT f.rowid AS label, bm25(passages_fts) AS score FROM passages_fts f JOIN passages p ON p.id = f.rowid
      WHERE passages_fts MATCH ? AND p.doc_id IN (${[...docIds].map(() => '?').join(', ')}) ORDER BY score LIMIT ?`;
    return this.db.prepare(sql).all(match, ...docIds, limit) as { label: number; score: number }[];
  }

  /** Passages by label, with their documents' metadata, in the order asked. */
  passages(labels: number[]): Map<number, PassageRow & { source: string; metadata_json: string }> {
    const found = new Map<number, PassageRow & { source: string; metadata_json: string }>();
    if (labels.length === 0) return found;
    const statement = this.statement(
      `SELECT p.id, p.chunk_id, p.doc_id, p.section_path, p.text, p.start_offset, p.end_offset, d.source, d.metadata_json
       FROM passages p JOIN documents d ON d.id = p.doc_id WHERE p.id = ?`,
    );
    for (const label of labels) {
      const row = statement.get(label) as (PassageRow & { source: string; metadata_json: string }) | undefined;
      if (row) found.set(label, row);
    }
    return found;
  }

  close(): void {
    this.db.close();
  }
}

/** A stored passage row as the public PassageRecord. */
export function toPassageRecord(row: PassageRow & { source: string; metadata_json: string }): PassageRecord {
  const metadata = parseMetadata(row.metadata_json);
  return {
    chunkId: row.chunk_id,
    docId: row.doc_id,
    source: row.source,
    title: metadata.title,
    region: metadata.region,
    regionPath: metadata.regionPath,
    level: metadata.level,
    year: metadata.year,
    sectionPath: row.section_path,
    text: row.text,
    start: row.start_offset,
    end: row.end_offset,
  };
}

const metadataCache = new Map<string, ReportMetadata>();

export function parseMetadata(json: string): ReportMetadata {
  let metadata = metadataCache.get(json);
  if (!metadata) {
    metadata = metadataSchema.parse(JSON.parse(json)) as ReportMetadata;
    if (metadataCache.size > 10_000) metadataCache.clear();
    metadataCache.set(json, metadata);
  }
  return metadata;
}

function toDocumentRecord(row: DocumentRow): DocumentRecord {
  return {
    id: row.id,
    source: row.source,
    contentHash: row.content_hash,
    metadata: parseMetadata(row.metadata_json),
    passages: row.passages,
    indexedAt: row.indexed_at,
  };
}

function toFloat32(buffer: Buffer): Float32Array {
  // Copy: the Buffer may not be 4-byte aligned.
  const copy = new Uint8Array(buffer.byteLength);
  copy.set(buffer);
  return new Float32Array(copy.buffer);
}

/** SQLite's words for a damaged file (SQLITE_CORRUPT*, SQLITE_NOTADB) as an IndexCorruptError; null for anything else. */
export function asIndexCorruptError(error: unknown, file: string): IndexCorruptError | null {
  if (error instanceof IndexCorruptError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (!code.startsWith('SQLITE_CORRUPT') && code !== 'SQLITE_NOTADB') return null;
  return new IndexCorruptError(file, `文件无法作为 SQLite 数据库读取（${(error as Error).message}）`, { cause: error });
}
