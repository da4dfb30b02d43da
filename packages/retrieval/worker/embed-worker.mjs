// Embedding worker: runs the Transformers.js feature-extraction pipeline off the main thread.
// Plain JS on purpose: a worker_threads Worker cannot load TypeScript sources under vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { env, pipeline } from '@huggingface/transformers';

const { modelDir, model, allowRemote, dtype, threads } = workerData;

if (modelDir) env.localModelPath = modelDir.endsWith('/') ? modelDir : `${modelDir}/`;
env.allowRemoteModels = Boolean(allowRemote);
env.allowLocalModels = true;

let extractor;
try {
  // No spin-waiting between calls: idle ONNX threads would otherwise burn the cores the API needs.
  const sessionOptions = {
    ...(threads ? { intraOpNumThreads: threads, interOpNumThreads: 1 } : {}),
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
  extractor = await pipeline('feature-extraction', model, { dtype, session_options: sessionOptions });
  const probe = await extractor(['测试'], { pooling: 'cls', normalize: true });
  parentPort.postMessage({ type: 'ready', dimensions: probe.dims[1] });
} catch (error) {
  parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}

// One request at a time: ONNX Runtime already uses every core for a batch.
let queue = Promise.resolve();
parentPort.on('message', (request) => {
  queue = queue.then(() => embed(request));
});

async function embed({ id, texts }) {
  try {
    const output = await extractor(texts, { pooling: 'cls', normalize: true });
    const data = Float32Array.from(output.data);
    parentPort.postMessage({ type: 'result', id, rows: output.dims[0], dimensions: output.dims[1], data }, [data.buffer]);
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
}
