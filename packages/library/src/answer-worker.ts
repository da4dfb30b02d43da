// Worker thread of the answer pool: its own read-only handle on the index and its own model, answering what the pool sends.
import { parentPort, workerData } from 'node:worker_threads';
import type { AskInput } from '@report-qa/answer';
import { ReportIndex } from '@report-qa/retrieval';
import type { AnswerWorkerOptions, PoolReply, PoolRequest } from './answer-pool.js';
import { createLibraryAnswerer } from './library-answerer.js';

const { options } = workerData as { options: AnswerWorkerOptions };
const port = parentPort!;

function serializeError(error: unknown) {
  const source = error instanceof Error ? error : new Error(String(error));
  const extra = source as { code?: unknown; userMessage?: unknown };
  return {
    name: source.name,
    message: source.message,
    ...(typeof extra.code === 'string' ? { code: extra.code } : {}),
    ...(typeof extra.userMessage === 'string' ? { userMessage: extra.userMessage } : {}),
  };
}

try {
  // Read-only: the main thread owns every write; this handle sees them through SQLite's data_version.
  const index = await ReportIndex.open(options.indexDir, {
    embeddings: options.embeddings,
    readOnly: true,
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const answerer = createLibraryAnswerer(index, options);
  // One question first: loads the model session and the answer context before the pool counts this worker as ready.
  await answerer.ask({ question: '法治政府建设情况', mode: 'extractive' }).catch(() => {});
  const running = new Map<number, AbortController>();

  const post = (reply: PoolReply) => port.postMessage(reply);

  port.on('message', (request: PoolRequest) => {
    if (request.type === 'abort') {
      running.get(request.id)?.abort();
      return;
    }
    const abort = new AbortController();
    running.set(request.id, abort);
    const input: AskInput = { ...request.input, signal: abort.signal };
    void (async () => {
      try {
        if (request.type === 'ask') post({ type: 'result', id: request.id, result: await answerer.ask(input) });
        else for await (const event of answerer.stream(input)) post({ type: 'event', id: request.id, event });
        post({ type: 'end', id: request.id });
      } catch (error) {
        post({ type: 'error', id: request.id, error: serializeError(error) });
      } finally {
        running.delete(request.id);
      }
    })();
  });
  post({ type: 'ready', mode: index.mode });
} catch (error) {
  port.postMessage({ type: 'failed', error: serializeError(error) } satisfies PoolReply);
}
