// Versioned schema of the PostgreSQL store: applied in order on start, each once, under an advisory lock.
import type pg from 'pg';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Other packages (the WeChat and feedback stores) append their own migrations with versions of their own range. */
export const RETRIEVAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'retrieval index',
    // The vector column gets its dimensions (and its HNSW index) at the first commit with a model: see ensureVectorColumn.
    sql: `
CREATE EXTENSION IF NOT EXISTS vector;
CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);
CREATE TABLE documents (
  id text PRIMARY KEY, source text NOT NULL UNIQUE, content_hash text NOT NULL, metadata_json text NOT NULL,
  original text NOT NULL, passages integer NOT NULL, indexed_at text NOT NULL);
CREATE TABLE passages (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, chunk_id text NOT NULL, doc_id text NOT NULL, ord integer NOT NULL,
  section_path text NOT NULL, text text NOT NULL, start_offset integer NOT NULL, end_offset integer NOT NULL,
  embed_hash text NOT NULL, token_count integer NOT NULL, tokens tsvector NOT NULL, embedding vector);
CREATE INDEX passages_doc ON passages (doc_id);
CREATE INDEX passages_embed ON passages (embed_hash);
CREATE INDEX passages_tokens ON passages USING gin (tokens);
CREATE TABLE keyword_terms (term text PRIMARY KEY, passages integer NOT NULL);
CREATE TABLE sentence_vectors (
  doc_id text PRIMARY KEY, content_hash text NOT NULL, model text NOT NULL, spans bytea NOT NULL, vectors bytea NOT NULL);
`,
  },
];

/** Key of the advisory lock that serialises migrations across processes starting at once. */
const MIGRATION_LOCK = 7_413_001;

/** Applies the migrations not applied yet; returns the versions applied now. */
export async function runMigrations(pool: pg.Pool, migrations: readonly Migration[]): Promise<number[]> {
  const client = await pool.connect();
  const applied: number[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM schema_migrations')).rows.map((row) => row.version));
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      applied.push(migration.version);
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
  return applied;
}

/** Versions recorded as applied (for `report-qa doctor`). */
export async function appliedMigrations(pool: pg.Pool): Promise<number[]> {
  const exists = await pool.query<{ found: boolean }>("SELECT to_regclass('schema_migrations') IS NOT NULL AS found");
  if (!exists.rows[0]?.found) return [];
  return (await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).rows.map((row) => row.version);
}
