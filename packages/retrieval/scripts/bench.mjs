// Runs the benchmark on the built package: SYNTHETIC=100000 node packages/retrieval/scripts/bench.mjs
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEmbeddings, formatBenchmark, runBenchmark } from '../dist/index.js';

// The shared folder sits beside the checkout (../shared), wherever that is cloned.
const modelDir = process.env.EMBEDDING_MODEL_DIR ?? fileURLToPath(new URL('../../../../shared/models', import.meta.url));
const embeddings = process.env.KEYWORD_ONLY ? null : await createEmbeddings({ provider: 'local', modelDir });
const report = await runBenchmark({
  reportsDir: new URL('../../../data/reports', import.meta.url).pathname,
  workDir: join(tmpdir(), `retrieval-bench-${process.pid}`),
  embeddings,
  syntheticPassages: Number(process.env.SYNTHETIC ?? 100_000),
  onProgress: (message) => console.error(message),
});
console.log(formatBenchmark(report));
await embeddings?.close();
