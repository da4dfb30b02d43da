// Copies an embedded index (SQLite + hnswlib) into PostgreSQL: documents, originals, passages with their stored
// vectors and sentence vectors. Nothing is embedded again; keyword tokens are recomputed by the same tokenizer.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, IndexStore, parseMetadata, type NewDocument } from '../index-store.js';
import { createKeywordTokenizer } from '../keyword-tokenizer.js';
import { passageKeywordText } from '../passage-text.js';
import { RetrievalError } from '../retrieval-error.js';
import { openPostgresBackend } from './postgres-index-backend.js';
import type { Migration } from './postgres-migrations.js';

export interface CopyIndexSummary {
  documents: number;
  passages: number;
  vectors: number;
  sentenceVectors: number;
}

export interface CopyIndexOptions {
  onProgress?: (done: number, total: number) => void;
  migrations?: readonly Migration[];
}

export async function copyIndexToPostgres(indexDir: string, databaseUrl: string, options: CopyIndexOptions = {}): Promise<CopyIndexSummary> {
  const file = join(indexDir, DATABASE_FILE);
  if (!existsSync(file)) throw new RetrievalError(`索引不存在：${file}。请先导入报告建立索引。`, { code: 'index_missing' });
  const source = new IndexStore(file, { readonly: true });
  const target = await openPostgresBackend(databaseUrl, options.migrations ? { migrations: options.migrations } : {});
  try {
    const model = source.getMeta('model');
    const dimensions = Number(source.getMeta('dimensions') ?? 0);
    const modelInfo = model && dimensions > 0 ? { model, dimensions } : null;
    const tokenizer = createKeywordTokenizer();
    const summary: CopyIndexSummary = { documents: 0, passages: 0, vectors: 0, sentenceVectors: 0 };
    const documents = source.db.prepare('SELECT id, source, content_hash, metadata_json, original, indexed_at FROM documents ORDER BY source').all() as {
      id: string; source: string; content_hash: string; metadata_json: string; original: string; indexed_at: string;
    }[];
    const passagesOf = source.db.prepare('SELECT chunk_id, section_path, text, start_offset, end_offset, embed_hash, vector FROM passages WHERE doc_id = ? ORDER BY ord');
    let batch: NewDocument[] = [];
    let batchPassages = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await target.commit({ upserts: batch, removals: [] }, modelInfo);
      summary.documents += batch.length;
      options.onProgress?.(summary.documents, documents.length);
      batch = [];
      batchPassages = 0;
    };
    for (const document of documents) {
      const rows = passagesOf.all(document.id) as {
        chunk_id: string; section_path: string; text: string; start_offset: number; end_offset: number; embed_hash: string; vector: Buffer | null;
      }[];
      batch.push({
        id: document.id,
        source: document.source,
        contentHash: document.content_hash,
        metadata: parseMetadata(document.metadata_json),
        original: document.original,
        indexedAt: document.indexed_at,
        passages: rows.map((row) => {
          if (row.vector) summary.vectors++;
          return {
            chunkId: row.chunk_id,
            sectionPath: row.section_path,
            text: row.text,
            start: row.start_offset,
            end: row.end_offset,
            tokens: tokenizer.tokenize(passageKeywordText(row.section_path, row.text)).join(' '),
            embedHash: row.embed_hash,
            vector: row.vector ? new Float32Array(Uint8Array.from(row.vector).buffer) : null,
          };
        }),
      });
      summary.passages += rows.length;
      batchPassages += rows.length;
      if (batchPassages >= 2000) await flush();
    }
    await flush();
    const hasSentences = source.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sentence_vectors'").get() !== undefined;
    if (hasSentences) {
      const rows = source.db.prepare('SELECT doc_id, content_hash, model, spans, vectors FROM sentence_vectors').iterate() as Iterable<{
        doc_id: string; content_hash: string; model: string; spans: Buffer; vectors: Buffer;
      }>;
      for (const row of rows) {
        const spans = new Int32Array(Uint8Array.from(row.spans).buffer);
        const vectors = new Float32Array(Uint8Array.from(row.vectors).buffer);
        const count = spans.length / 2;
        await target.sentences.put(row.doc_id, row.content_hash, row.model, { spans, vectors, dimensions: count === 0 ? 0 : vectors.length / count });
        summary.sentenceVectors++;
      }
    }
    return summary;
  } finally {
    source.close();
    await target.close();
  }
}
