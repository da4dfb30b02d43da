// A fake at the LangChain Embeddings boundary: vectors from character bigrams.
import { Embeddings } from '@langchain/core/embeddings';

/**
 * Deterministic embeddings from character bigrams, for tests about storage rather than meaning
 * (a fake at the LangChain Embeddings boundary; ranking tests use the real model).
 */
export class FakeBigramEmbeddings extends Embeddings {
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
