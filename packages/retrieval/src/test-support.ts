// Shared helpers of this package's tests: where the sample data and the model are.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Embeddings } from '@langchain/core/embeddings';

const here = dirname(fileURLToPath(import.meta.url));
export const repositoryRoot = resolve(here, '../../..');
export const reportsDir = join(repositoryRoot, 'data/reports');
export const modelDir = process.env.EMBEDDING_MODEL_DIR ?? null;
export const modelSkipMessage = 'EMBEDDING_MODEL_DIR is not set: skipping the tests that need the local embedding model';

export function temporaryDir(prefix = 'retrieval-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Deterministic embeddings from character bigrams, for tests about storage rather than meaning
 * (a fake at the LangChain Embeddings boundary; ranking tests use the real model).
 */
export class BigramEmbeddings extends Embeddings {
  readonly model: string;
  readonly dimensions: number;
  constructor(options: { model?: string; dimensions?: number } = {}) {
    super({});
    this.model = options.model ?? 'bigram-test';
    this.dimensions = options.dimensions ?? 64;
  }
  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((document) => this.vector(document));
  }
  async embedQuery(document: string): Promise<number[]> {
    return this.vector(document);
  }
  private vector(text: string): number[] {
    const vector = new Array<number>(this.dimensions).fill(0);
    for (let index = 0; index + 1 < text.length; index++) {
      const code = text.charCodeAt(index) * 31 + text.charCodeAt(index + 1);
      vector[code % this.dimensions]! += 1;
    }
    const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0)) || 1;
    return vector.map((value) => value / norm);
  }
}
