// The bge feature-extraction pipeline as both the embedding worker and the in-thread embeddings load and call it.
// Plain JS on purpose: a worker_threads Worker cannot load TypeScript sources under vitest.
import { env, pipeline } from '@huggingface/transformers';

/** Loads the model (from modelDir, or the hub when allowRemote) with `threads` intra-op threads, or the runtime's choice. */
export async function loadFeatureExtractor({ modelDir, model, allowRemote, dtype, threads }) {
  if (modelDir) env.localModelPath = modelDir.endsWith('/') ? modelDir : `${modelDir}/`;
  env.allowRemoteModels = Boolean(allowRemote);
  env.allowLocalModels = true;
  // No spin-waiting between calls: idle ONNX threads would otherwise burn the cores the API needs.
  const sessionOptions = {
    ...(threads ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}),
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
  return pipeline('feature-extraction', model, { dtype, session_options: sessionOptions });
}

/** CLS-pooled, L2-normalised vectors of the texts, row after row. */
export async function embedTexts(extractor, texts) {
  const output = await extractor(texts, { pooling: 'cls', normalize: true });
  return { rows: output.dims[0], dimensions: output.dims[1], data: Float32Array.from(output.data) };
}
