// The one place where concrete embedding providers are built from options.
import type { DescribedEmbeddings } from './described-embeddings.js';
import { InThreadEmbeddings } from './in-thread-embeddings.js';
import { LocalEmbeddings, type LocalEmbeddingsOptions } from './local-embeddings.js';
import { OpenAICompatibleEmbeddings, type OpenAIEmbeddingsOptions } from './openai-embeddings.js';

export type EmbeddingsOptions =
  | ({ provider: 'local' } & LocalEmbeddingsOptions)
  | ({ provider: 'openai' } & OpenAIEmbeddingsOptions)
  | { provider: 'none' };

/**
 * Builds the configured embeddings, loaded and probed; null for provider 'none' (keyword-only search).
 * Throws EmbeddingUnavailableError when the model cannot be used, so the app can fall back to keywords.
 */
export async function createEmbeddings(options: EmbeddingsOptions): Promise<DescribedEmbeddings | null> {
  switch (options.provider) {
    case 'local':
      return options.inThread ? InThreadEmbeddings.create(options) : LocalEmbeddings.create(options);
    case 'openai':
      return OpenAICompatibleEmbeddings.create(options);
    case 'none':
      return null;
  }
}
