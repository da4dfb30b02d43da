// Runs the retrieval evaluation on the built package: node packages/retrieval/scripts/evaluate.mjs [qa.jsonl] [reportsDir]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ReportIndex, createBaselineSearcher, createEmbeddings, evaluateRetrieval, formatEvaluation, indexSearcher, loadQaQuestions, loadReportTexts,
} from '../dist/index.js';

// The shared folder sits beside the checkout (../shared), wherever that is cloned.
const shared = (path) => fileURLToPath(new URL(`../../../../shared/${path}`, import.meta.url));
const [qaFile = shared('eval/qa-dev.jsonl'), reportsDir = new URL('../../../data/reports', import.meta.url).pathname] = process.argv.slice(2);
const modelDir = process.env.EMBEDDING_MODEL_DIR ?? shared('models');
const fusion = process.env.FUSION ? JSON.parse(process.env.FUSION) : undefined;
const chunking = process.env.CHUNKING ? JSON.parse(process.env.CHUNKING) : undefined;
const embeddings = await createEmbeddings({ provider: 'local', modelDir });
const dir = join(tmpdir(), `retrieval-eval-${process.pid}`);
const index = await ReportIndex.open(dir, { embeddings, fusion, chunking });
const started = Date.now();
const summary = await index.indexReports(reportsDir);
console.log(`indexed ${summary.added.length} reports, ${summary.passages} passages in ${Date.now() - started} ms`);
const reports = loadReportTexts(reportsDir);
const baseline = await createBaselineSearcher({ reports, embeddings });
const report = await evaluateRetrieval({
  questions: loadQaQuestions(qaFile),
  reports,
  searchers: {
    hybrid: indexSearcher(index, 'hybrid'),
    vector: indexSearcher(index, 'vector'),
    keyword: indexSearcher(index, 'keyword'),
    baseline,
  },
});
console.log(formatEvaluation(report.rows));
if (process.env.SHOW_MISSES) {
  for (const outcome of report.outcomes.filter((o) => o.searcher === 'hybrid' && (o.rank === null || o.rank > 5))) console.log('miss', outcome.id, outcome.rank);
}
await index.close();
await embeddings.close();
rmSync(dir, { recursive: true, force: true });
