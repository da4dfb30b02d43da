// Sentence vectors of each report, embedded at ingest, so answering can judge sentences by meaning without
// embedding them per question. One row per document: its sentence spans and their vectors, packed.
import type Database from 'better-sqlite3';
import type { Embeddings } from '@langchain/core/embeddings';
import { cleanText, splitReportSentences } from '@report-qa/parser';

/** The sentences of one report (offsets into its original) and one vector per sentence, row-major. */
export interface SentenceVectors {
  /** start0, end0, start1, end1, … */
  spans: Int32Array;
  vectors: Float32Array;
  dimensions: number;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS sentence_vectors (
  doc_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL, model TEXT NOT NULL, spans BLOB NOT NULL, vectors BLOB NOT NULL)`;

/** What is embedded for a sentence: the parser's cleaning (markdown, stray spaces, page breaks) on one line. */
export function sentenceEmbeddingText(text: string): string {
  return cleanText(text).text.replace(/\n/gu, '').slice(0, 300);
}

interface Row {
  content_hash: string;
  model: string;
  spans: Buffer;
  vectors: Buffer;
}

export class SentenceVectorStore {
  private readonly cache = new Map<string, { key: string; value: SentenceVectors }>();

  constructor(
    private readonly db: Database.Database,
    writable: boolean,
  ) {
    if (writable) db.exec(SCHEMA);
  }

  private tableExists(): boolean {
    return this.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sentence_vectors'").get() !== undefined;
  }

  /** The stored vectors of a document at this content and model, or null (not embedded yet, or stale). */
  get(docId: string, contentHash: string, model: string): SentenceVectors | null {
    const key = `${contentHash}\n${model}`;
    const hit = this.cache.get(docId);
    if (hit?.key === key) return hit.value;
    if (!this.tableExists()) return null;
    const row = this.db.prepare('SELECT content_hash, model, spans, vectors FROM sentence_vectors WHERE doc_id = ?').get(docId) as Row | undefined;
    if (!row || row.content_hash !== contentHash || row.model !== model) return null;
    const spans = new Int32Array(row.spans.buffer.slice(row.spans.byteOffset, row.spans.byteOffset + row.spans.byteLength));
    const vectors = new Float32Array(row.vectors.buffer.slice(row.vectors.byteOffset, row.vectors.byteOffset + row.vectors.byteLength));
    const count = spans.length / 2;
    const value = { spans, vectors, dimensions: count === 0 ? 0 : vectors.length / count };
    this.cache.set(docId, { key, value });
    return value;
  }

  has(docId: string, contentHash: string, model: string): boolean {
    if (!this.tableExists()) return false;
    const row = this.db.prepare('SELECT 1 FROM sentence_vectors WHERE doc_id = ? AND content_hash = ? AND model = ?').get(docId, contentHash, model);
    return row !== undefined;
  }

  put(docId: string, contentHash: string, model: string, value: SentenceVectors): void {
    this.db
      .prepare(
        `INSERT INTO sentence_vectors (doc_id, content_hash, model, spans, vectors) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (doc_id) DO UPDATE SET content_hash = excluded.content_hash, model = excluded.model, spans = excluded.spans, vectors = excluded.vectors`,
      )
      .run(docId, contentHash, model, Buffer.from(value.spans.buffer, value.spans.byteOffset, value.spans.byteLength), Buffer.from(value.vectors.buffer, value.vectors.byteOffset, value.vectors.byteLength));
    this.cache.delete(docId);
  }

  /** Drops the rows of documents that are gone. */
  prune(): void {
    if (!this.tableExists()) return;
    this.db.prepare('DELETE FROM sentence_vectors WHERE doc_id NOT IN (SELECT id FROM documents)').run();
  }
}

/** Splits a report into sentences and embeds them (as passages: no query instruction). */
export async function embedSentences(original: string, embeddings: Embeddings): Promise<SentenceVectors> {
  const sentences = splitReportSentences(original);
  const spans = new Int32Array(sentences.length * 2);
  sentences.forEach((sentence, index) => {
    spans[index * 2] = sentence.start;
    spans[index * 2 + 1] = sentence.end;
  });
  const rows: number[][] = [];
  const step = 64;
  for (let offset = 0; offset < sentences.length; offset += step) {
    rows.push(...(await embeddings.embedDocuments(sentences.slice(offset, offset + step).map((sentence) => sentenceEmbeddingText(sentence.text)))));
  }
  const dimensions = rows[0]?.length ?? 0;
  const vectors = new Float32Array(rows.length * dimensions);
  rows.forEach((row, index) => vectors.set(row, index * dimensions));
  return { spans, vectors, dimensions };
}
