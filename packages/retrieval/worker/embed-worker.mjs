// Embedding worker: runs the Transformers.js feature-extraction pipeline off the main thread.
// Plain JS on purpose: a worker_threads Worker cannot load TypeScript sources under vitest.
import { parentPort, workerData } from 'node:worker_threads';
import { embedTexts, loadFeatureExtractor } from './feature-extractor.mjs';

let extractor;
try {
  extractor = await loadFeatureExtractor(workerData);
  const probe = await embedTexts(extractor, ['测试']);
  parentPort.postMessage({ type: 'ready', dimensions: probe.dimensions });
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
    const { rows, dimensions, data } = await embedTexts(extractor, texts);
    parentPort.postMessage({ type: 'result', id, rows, dimensions, data }, [data.buffer]);
  } catch (error) {
    parentPort.postMessage({ type: 'error', id, message: error instanceof Error ? error.message : String(error) });
  }
}
