// The built retrieval package's LocalEmbeddings and the options the benchmark scripts load the server's model with:
// EMBEDDING_MODEL_DIR (else data/models or ../shared/models, whichever holds the model) and EMBEDDING_MODEL.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** LocalEmbeddings from packages/retrieval/dist, or null when the package is not built. */
export async function builtLocalEmbeddings() {
  const retrieval = join(repositoryRoot, 'packages/retrieval/dist/index.js');
  return existsSync(retrieval) ? (await import(retrieval)).LocalEmbeddings : null;
}

/** LocalEmbeddings.create options for the server's model (add workers and threads). */
export function localModelOptions() {
  const model = process.env.EMBEDDING_MODEL;
  const modelDir =
    process.env.EMBEDDING_MODEL_DIR ??
    [join(repositoryRoot, 'data/models'), resolve(repositoryRoot, '../shared/models')].find((dir) => existsSync(join(dir, model ?? 'bge-small-zh-v1.5')));
  return { modelDir: modelDir ?? null, ...(model ? { model } : {}) };
}
