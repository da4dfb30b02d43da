// A fake answer worker speaking the answer pool's protocol (plain JS: a worker thread cannot load TypeScript).
// It answers 「答：<question>」, and exits on the question 「退出」, as a worker that dies would.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (request) => {
  if (request.type === 'abort') return;
  if (request.input.question === '退出') process.exit(1);
  const result = {
    answer: `答：${request.input.question}`,
    citations: [],
    notFound: false,
    mode: 'extractive',
    question: request.input.question,
    scope: { filters: {}, inferred: { regions: [], years: [] }, missing: { regions: [], years: [] } },
    fallback: null,
    unsupportedFigures: [],
    timings: {},
  };
  if (request.type === 'ask') parentPort.postMessage({ type: 'result', id: request.id, result });
  else parentPort.postMessage({ type: 'event', id: request.id, event: { type: 'done', result } });
  parentPort.postMessage({ type: 'end', id: request.id });
});
parentPort.postMessage({ type: 'ready', mode: 'keyword' });
