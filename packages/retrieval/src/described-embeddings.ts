// The embeddings an index is built with: any LangChain Embeddings, named so the index can refuse to mix models.
import type { Embeddings } from '@langchain/core/embeddings';

export interface EmbeddingModelInfo {
  /** Model name recorded in the index, e.g. bge-small-zh-v1.5. */
  model: string;
  dimensions: number;
}

/** LangChain Embeddings that know their model name and vector size; close() frees workers. */
export type DescribedEmbeddings = Embeddings & EmbeddingModelInfo & { close?: () => Promise<void> };

/** The model info of embeddings built by createEmbeddings, or of a plain Embeddings given a name. */
export function describeEmbeddings(embeddings: Embeddings): Partial<EmbeddingModelInfo> {
  const candidate = embeddings as Partial<EmbeddingModelInfo>;
  return {
    ...(typeof candidate.model === 'string' ? { model: candidate.model } : {}),
    ...(typeof candidate.dimensions === 'number' ? { dimensions: candidate.dimensions } : {}),
  };
}
