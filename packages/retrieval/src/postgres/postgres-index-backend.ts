// The PostgreSQL + pgvector store behind IndexBackend: shared by several processes, each keeping a snapshot of the
// document list (and originals) that it refreshes when the generation number in `meta` moves.
import pg from 'pg';
import type { EmbeddingModelInfo } from '../described-embeddings.js';
import type { IndexBackend, SentenceVectorBackend } from '../index-backend.js';
import type { IndexChanges } from '../index-core.js';
import { parseMetadata } from '../index-store.js';
import { createScopeResolver, type ScopeResolver } from '../infer-scope.js';
import { EmbeddingModelMismatchError, RetrievalError } from '../retrieval-error.js';
import type { SentenceVectors } from '../sentence-vectors.js';
import type { DocumentRecord } from '../types.js';
import { parseVectorLiteral, passagePieces, vectorLiteral } from './keyword-pieces.js';
import { RETRIEVAL_MIGRATIONS, runMigrations, type Migration } from './postgres-migrations.js';
import { searchPostgres } from './postgres-search.js';

/** Key of the advisory lock every commit takes first: writers of all processes go one at a time. */
const COMMIT_LOCK = 7_413_002;

export interface PostgresSnapshot {
  generation: number;
  indexModel: EmbeddingModelInfo | null;
  documents: DocumentRecord[];
  originals: Map<string, string>;
  passages: number;
  tokens: number;
  resolveScope: ScopeResolver;
}

export interface PostgresBackendOptions {
  readOnly?: boolean;
  /** Connections in the pool (default 10). */
  maxConnections?: number;
  /** Extra migrations to run with the index's (the WeChat and feedback stores'). */
  migrations?: readonly Migration[];
}

/** A PostgreSQL URL that cannot be used, in Chinese, naming the variable users set. */
export function postgresConnectError(url: string, cause: unknown): RetrievalError {
  const safe = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  return new RetrievalError(`无法连接 DATABASE_URL 指定的 PostgreSQL（${safe}）：${(cause as Error)?.message ?? String(cause)}`, { cause, code: 'database_unavailable' });
}

export function createPostgresPool(url: string, maxConnections = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: maxConnections, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  return pool;
}

export async function openPostgresBackend(url: string, options: PostgresBackendOptions = {}): Promise<IndexBackend & { pool: pg.Pool }> {
  const pool = createPostgresPool(url, options.maxConnections);
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => {});
    throw postgresConnectError(url, error);
  }
  try {
    if (!options.readOnly) await runMigrations(pool, [...RETRIEVAL_MIGRATIONS, ...(options.migrations ?? [])]);
    const backend = new PostgresIndexBackend(pool, options.readOnly ?? false);
    await backend.refresh();
    return backend;
  } catch (error) {
    await pool.end().catch(() => {});
    if ((error as { code?: string }).code === '0A000' || /extension "vector"/.test(String((error as Error).message))) {
      throw new RetrievalError(`PostgreSQL 缺少 pgvector 扩展（vector）：请安装 postgresql-<版本>-pgvector 或使用 pgvector/pgvector 镜像。${(error as Error).message}`, { cause: error, code: 'database_unavailable' });
    }
    throw error;
  }
}

class PostgresIndexBackend implements IndexBackend {
  readonly kind = 'postgres' as const;
  private snapshot: PostgresSnapshot = {
    generation: -1, indexModel: null, documents: [], originals: new Map(), passages: 0, tokens: 0, resolveScope: createScopeResolver([]),
  };
  private refreshing: Promise<void> | null = null;
  private readonly sentenceCache = new Map<string, { key: string; value: SentenceVectors | null }>();
  readonly sentences: SentenceVectorBackend;

  constructor(
    readonly pool: pg.Pool,
    readonly readOnly: boolean,
  ) {
    this.sentences = this.createSentenceBackend();
  }

  /** One generation check per call; concurrent callers share it. */
  refresh(): Promise<void> {
    if (!this.refreshing) {
      this.refreshing = this.reload().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async reload(): Promise<void> {
    const generation = Number((await this.pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'generation'")).rows[0]?.value ?? 0);
    if (generation === this.snapshot.generation) return;
    const client = await this.pool.connect();
    try {
      // One snapshot of the database for the meta values, the list and the originals.
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      const meta = new Map((await client.query<{ key: string; value: string }>('SELECT key, value FROM meta')).rows.map((row) => [row.key, row.value]));
      const rows = (
        await client.query<{ id: string; source: string; content_hash: string; metadata_json: string; passages: number; indexed_at: string }>(
          'SELECT id, source, content_hash, metadata_json, passages, indexed_at FROM documents ORDER BY source',
        )
      ).rows;
      const previous = new Map(this.snapshot.documents.map((document) => [document.id, document.contentHash]));
      const originals = new Map<string, string>();
      const missing: string[] = [];
      for (const row of rows) {
        const kept = previous.get(row.id) === row.content_hash ? this.snapshot.originals.get(row.id) : undefined;
        if (kept !== undefined) originals.set(row.id, kept);
        else missing.push(row.id);
      }
      if (missing.length > 0) {
        for (const row of (await client.query<{ id: string; original: string }>('SELECT id, original FROM documents WHERE id = ANY($1)', [missing])).rows) {
          originals.set(row.id, row.original);
        }
      }
      await client.query('COMMIT');
      const documents: DocumentRecord[] = rows.map((row) => ({
        id: row.id, source: row.source, contentHash: row.content_hash, metadata: parseMetadata(row.metadata_json), passages: row.passages, indexedAt: row.indexed_at,
      }));
      const model = meta.get('model');
      const dimensions = Number(meta.get('dimensions') ?? 0);
      this.snapshot = {
        generation: Number(meta.get('generation') ?? 0),
        indexModel: model && dimensions > 0 ? { model, dimensions } : null,
        documents,
        originals,
        passages: Number(meta.get('passages') ?? 0),
        tokens: Number(meta.get('tokens') ?? 0),
        resolveScope: createScopeResolver(
          documents.map((document) => ({
            id: document.id, region: document.metadata.region, regionPath: document.metadata.regionPath, year: document.metadata.year,
            level: document.metadata.level, title: document.metadata.title, issuer: document.metadata.issuer,
          })),
        ),
      };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  documents(): DocumentRecord[] {
    return this.snapshot.documents;
  }

  original(id: string): string | null {
    return this.snapshot.originals.get(id) ?? null;
  }

  passageCount(): number {
    return this.snapshot.passages;
  }

  hasVectors(): boolean {
    return this.snapshot.indexModel !== null;
  }

  generation(): number {
    return this.snapshot.generation;
  }

  indexModel(): EmbeddingModelInfo | null {
    return this.snapshot.indexModel;
  }

  checkModel(configured: EmbeddingModelInfo | null, forWriting: boolean): void {
    const indexModel = this.snapshot.indexModel;
    if (!indexModel) return;
    if (configured === null) {
      if (forWriting) throw new EmbeddingModelMismatchError(indexModel, null);
      return;
    }
    if (configured.model !== indexModel.model || configured.dimensions !== indexModel.dimensions) throw new EmbeddingModelMismatchError(indexModel, configured);
  }

  search: IndexBackend['search'] = (setup, query, options) => searchPostgres({ pool: this.pool, snapshot: this.snapshot }, setup, query, options);

  async cachedVectors(embedHashes: readonly string[]): Promise<Map<string, Float32Array>> {
    const found = new Map<string, Float32Array>();
    if (embedHashes.length === 0 || !this.snapshot.indexModel) return found;
    const rows = await this.pool.query<{ embed_hash: string; embedding: string }>(
      'SELECT DISTINCT ON (embed_hash) embed_hash, embedding::text AS embedding FROM passages WHERE embed_hash = ANY($1) AND embedding IS NOT NULL',
      [[...new Set(embedHashes)]],
    );
    for (const row of rows.rows) found.set(row.embed_hash, parseVectorLiteral(row.embedding));
    return found;
  }

  async lacksVectors(docId: string): Promise<boolean> {
    return (await this.pool.query('SELECT 1 FROM passages WHERE doc_id = $1 AND embedding IS NULL LIMIT 1', [docId])).rowCount! > 0;
  }

  async commit(changes: IndexChanges, model: EmbeddingModelInfo | null): Promise<void> {
    if (this.readOnly) throw new RetrievalError('索引以只读方式打开，不能写入', { code: 'index_read_only' });
    const hasVectors = changes.upserts.some((document) => document.passages.some((passage) => passage.vector));
    if (hasVectors && !model) throw new RetrievalError('缺少嵌入模型信息', { code: 'embedding_model_missing' });
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [COMMIT_LOCK]);
      const meta = new Map((await client.query<{ key: string; value: string }>('SELECT key, value FROM meta')).rows.map((row) => [row.key, row.value]));
      if (hasVectors && model) await ensureVectorColumn(client, meta, model);
      const ids = [...new Set([...changes.removals, ...changes.upserts.map((document) => document.id)])];
      if (ids.length > 0) {
        await client.query(
          `UPDATE keyword_terms k SET passages = k.passages - d.n
           FROM (SELECT t.lexeme, count(*) AS n FROM passages p, unnest(p.tokens) t WHERE p.doc_id = ANY($1) GROUP BY t.lexeme) d WHERE k.term = d.lexeme`,
          [ids],
        );
        await client.query('DELETE FROM passages WHERE doc_id = ANY($1)', [ids]);
        await client.query('DELETE FROM documents WHERE id = ANY($1)', [ids]);
      }
      const indexedAt = new Date().toISOString();
      for (const document of changes.upserts) {
        await client.query(
          'INSERT INTO documents (id, source, content_hash, metadata_json, original, passages, indexed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [document.id, document.source, document.contentHash, JSON.stringify(document.metadata), document.original, document.passages.length, document.indexedAt ?? indexedAt],
        );
        await insertPassages(client, document.id, document.passages);
      }
      const upserted = changes.upserts.map((document) => document.id);
      if (upserted.length > 0) {
        await client.query(
          `INSERT INTO keyword_terms (term, passages)
           SELECT t.lexeme, count(*) FROM passages p, unnest(p.tokens) t WHERE p.doc_id = ANY($1) GROUP BY t.lexeme
           ON CONFLICT (term) DO UPDATE SET passages = keyword_terms.passages + excluded.passages`,
          [upserted],
        );
      }
      const totals = (await client.query<{ passages: string; tokens: string }>('SELECT count(*) AS passages, coalesce(sum(token_count), 0) AS tokens FROM passages')).rows[0]!;
      await setMeta(client, 'generation', String(Number(meta.get('generation') ?? 0) + 1));
      await setMeta(client, 'passages', totals.passages);
      await setMeta(client, 'tokens', totals.tokens);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
    await this.refresh();
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private createSentenceBackend(): SentenceVectorBackend {
    const cache = this.sentenceCache;
    const pool = this.pool;
    const limit = 256;
    const remember = (docId: string, key: string, value: SentenceVectors | null) => {
      if (cache.size >= limit) cache.delete(cache.keys().next().value!);
      cache.set(docId, { key, value });
    };
    return {
      get(docId, contentHash, model) {
        const hit = cache.get(docId);
        return hit?.key === `${contentHash}\n${model}` ? hit.value : null;
      },
      async preload(documents, model) {
        const wanted = documents.filter((document) => cache.get(document.id)?.key !== `${document.contentHash}\n${model}`);
        if (wanted.length === 0) return;
        const rows = await pool.query<{ doc_id: string; content_hash: string; model: string; spans: Buffer; vectors: Buffer }>(
          'SELECT doc_id, content_hash, model, spans, vectors FROM sentence_vectors WHERE doc_id = ANY($1)',
          [wanted.map((document) => document.id)],
        );
        const byId = new Map(rows.rows.map((row) => [row.doc_id, row]));
        for (const document of wanted) {
          const row = byId.get(document.id);
          const fresh = row && row.content_hash === document.contentHash && row.model === model;
          remember(document.id, `${document.contentHash}\n${model}`, fresh ? toSentenceVectors(row.spans, row.vectors) : null);
        }
      },
      async has(docId, contentHash, model) {
        return (await pool.query('SELECT 1 FROM sentence_vectors WHERE doc_id = $1 AND content_hash = $2 AND model = $3', [docId, contentHash, model])).rowCount! > 0;
      },
      async put(docId, contentHash, model, value) {
        await pool.query(
          `INSERT INTO sentence_vectors (doc_id, content_hash, model, spans, vectors) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (doc_id) DO UPDATE SET content_hash = excluded.content_hash, model = excluded.model, spans = excluded.spans, vectors = excluded.vectors`,
          [docId, contentHash, model, bytes(value.spans), bytes(value.vectors)],
        );
        cache.delete(docId);
      },
      async prune() {
        await pool.query('DELETE FROM sentence_vectors WHERE doc_id NOT IN (SELECT id FROM documents)');
      },
    };
  }
}

/** The first commit with vectors fixes the column's dimensions and builds its HNSW index (cosine, as hnswlib's). */
async function ensureVectorColumn(client: pg.PoolClient, meta: Map<string, string>, model: EmbeddingModelInfo): Promise<void> {
  const stored = meta.get('model');
  if (stored) {
    if (stored !== model.model || Number(meta.get('dimensions')) !== model.dimensions) throw new EmbeddingModelMismatchError({ model: stored, dimensions: Number(meta.get('dimensions')) }, model);
    return;
  }
  const dimensions = Math.trunc(model.dimensions);
  if (!(dimensions > 0 && dimensions <= 16_000)) throw new RetrievalError(`向量维度无效：${model.dimensions}`, { code: 'embedding_model_missing' });
  await client.query(`ALTER TABLE passages ALTER COLUMN embedding TYPE vector(${dimensions})`);
  await client.query('CREATE INDEX IF NOT EXISTS passages_embedding ON passages USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 100)');
  await setMeta(client, 'model', model.model);
  await setMeta(client, 'dimensions', String(dimensions));
}

/** All passages of a document in one statement (arrays unnested), so a large ingest is not one round trip per row. */
async function insertPassages(client: pg.PoolClient, docId: string, passages: IndexChanges['upserts'][number]['passages']): Promise<void> {
  const step = 2000;
  for (let offset = 0; offset < passages.length; offset += step) {
    const slice = passages.slice(offset, offset + step);
    const pieces = slice.map((passage) => passagePieces(passage.tokens));
    await client.query(
      `INSERT INTO passages (chunk_id, doc_id, ord, section_path, text, start_offset, end_offset, embed_hash, token_count, tokens, embedding)
       SELECT c, $1, o, s, t, st, en, h, n, to_tsvector('simple', k), v::vector
       FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::int[], $10::text[], $11::text[])
         AS x(c, o, s, t, st, en, h, n, k, v)`,
      [
        docId,
        slice.map((passage) => passage.chunkId),
        slice.map((_, index) => offset + index),
        slice.map((passage) => passage.sectionPath),
        slice.map((passage) => passage.text),
        slice.map((passage) => passage.start),
        slice.map((passage) => passage.end),
        slice.map((passage) => passage.embedHash),
        pieces.map((piece) => piece.count),
        pieces.map((piece) => piece.text),
        slice.map((passage) => (passage.vector ? vectorLiteral(passage.vector) : null)),
      ],
    );
  }
}

async function setMeta(client: pg.PoolClient, key: string, value: string): Promise<void> {
  await client.query('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
}

function bytes(array: Int32Array | Float32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

function toSentenceVectors(spansBuffer: Buffer, vectorsBuffer: Buffer): SentenceVectors {
  const spans = new Int32Array(spansBuffer.buffer.slice(spansBuffer.byteOffset, spansBuffer.byteOffset + spansBuffer.byteLength));
  const vectors = new Float32Array(vectorsBuffer.buffer.slice(vectorsBuffer.byteOffset, vectorsBuffer.byteOffset + vectorsBuffer.byteLength));
  const count = spans.length / 2;
  return { spans, vectors, dimensions: count === 0 ? 0 : vectors.length / count };
}
