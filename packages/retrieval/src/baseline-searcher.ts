// The baseline a user would assemble by hand: LangChain's recursive splitter (1000/200) and brute-force cosine search.
import type { Embeddings } from '@langchain/core/embeddings';
import { RecursiveCharacterTextSplitter } from '@langchain/textsplitters';
import type { EvaluatedPassage, EvaluationSearcher } from './evaluate-retrieval.js';

export interface BaselineOptions {
  /** Decoded report text by file name. */
  reports: Record<string, string>;
  embeddings: Embeddings;
  chunkSize?: number;
  chunkOverlap?: number;
}

/** Splits the raw files, embeds every chunk, and searches by cosine similarity in memory. */
export async function createBaselineSearcher(options: BaselineOptions): Promise<EvaluationSearcher & { chunks: number }> {
  const splitter = new RecursiveCharacterTextSplitter({ chunkSize: options.chunkSize ?? 1000, chunkOverlap: options.chunkOverlap ?? 200 });
  const chunks: EvaluatedPassage[] = [];
  for (const [source, text] of Object.entries(options.reports)) {
    let cursor = 0;
    for (const piece of await splitter.splitText(text)) {
      // The splitter trims and overlaps; find each chunk in the file from just after the previous one's start.
      let start = text.indexOf(piece, cursor);
      if (start < 0) start = text.indexOf(piece);
      chunks.push({ source, start: Math.max(start, 0), end: Math.max(start, 0) + piece.length, text: piece });
      if (start >= 0) cursor = start + 1;
    }
  }
  const vectors = await options.embeddings.embedDocuments(chunks.map((chunk) => chunk.text));
  const search = async (question: string) => {
    const query = await options.embeddings.embedQuery(question);
    return chunks
      .map((chunk, index) => ({ chunk, score: cosine(query, vectors[index]!) }))
      .sort((a, b) => b.score - a.score)
      .map((entry) => entry.chunk);
  };
  return Object.assign(search, { chunks: chunks.length });
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    dot += a[index]! * b[index]!;
    normA += a[index]! * a[index]!;
    normB += b[index]! * b[index]!;
  }
  return dot / (Math.sqrt(normA * normB) || 1);
}
