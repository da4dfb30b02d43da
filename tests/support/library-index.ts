// Storage-level checks of an index folder (read-only SQLite inspection) and a runner for the built CLI.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runScript } from './run-script.js';

export interface IndexSnapshot {
  documents: { id: string; source: string; contentHash: string; passages: number }[];
  passages: number;
  generation: number;
  /** Broken invariants: a document with missing or extra passages, passages without a document, missing vectors or vector file. */
  problems: string[];
}

/** Reads the index's SQLite file without writing and checks that every document is whole. */
export function inspectIndex(indexDir: string): IndexSnapshot {
  const db = new Database(join(indexDir, 'index.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((row) => [row.key, row.value]));
    const documents = (db.prepare('SELECT id, source, content_hash AS contentHash, passages FROM documents ORDER BY id').all() as IndexSnapshot['documents']);
    const problems: string[] = [];
    const counts = new Map((db.prepare('SELECT doc_id AS id, count(*) AS n FROM passages GROUP BY doc_id').all() as { id: string; n: number }[]).map((row) => [row.id, row.n]));
    for (const document of documents) {
      const stored = counts.get(document.id) ?? 0;
      if (stored !== document.passages) problems.push(`${document.source}: ${stored} passages stored, ${document.passages} expected`);
      counts.delete(document.id);
    }
    for (const [id, n] of counts) problems.push(`${n} passages of ${id}, which is not a document`);
    const passages = (db.prepare('SELECT count(*) AS n FROM passages').get() as { n: number }).n;
    const keyword = (db.prepare('SELECT count(*) AS n FROM passages_fts').get() as { n: number }).n;
    if (keyword !== passages) problems.push(`${keyword} keyword rows for ${passages} passages`);
    if (meta.get('model')) {
      const missing = (db.prepare('SELECT count(*) AS n FROM passages WHERE vector IS NULL').get() as { n: number }).n;
      if (missing > 0) problems.push(`${missing} passages without a vector`);
      const file = meta.get('vector_file');
      if (!file || !existsSync(join(indexDir, file))) problems.push(`vector file ${file ?? '(none)'} is missing`);
    }
    return { documents, passages, generation: Number(meta.get('generation') ?? 0), problems };
  } finally {
    db.close();
  }
}

/** Runs `node apps/api/dist/main.js <args>` with extra environment, optionally as another user (root only). */
export function runCli(args: string[], env: Record<string, string>, user?: { uid: number; gid: number }) {
  return runScript('apps/api/dist/main.js', args, { LOG_LEVEL: 'warn', ...env }, user);
}
