#!/usr/bin/env node
// The load benchmark's ceiling: an HTTP server that only embeds each question (node:http, no retrieval, no answer, no
// log), with the server's model on one worker per core, one ONNX thread each. What it serves at 50 clients is the most
// any server built on this model can answer on this machine, HTTP included.
//
//   node scripts/model-only-server.mjs        # prints "listening on http://127.0.0.1:<port>"; EMBEDDING_MODEL_DIR as for the server
import { createServer } from 'node:http';
import { availableParallelism } from 'node:os';
import { builtLocalEmbeddings, localModelOptions } from './local-model.mjs';

const LocalEmbeddings = await builtLocalEmbeddings();
if (!LocalEmbeddings) {
  process.stderr.write('packages/retrieval/dist is missing: run npm run build first\n');
  process.exit(2);
}
const model = await LocalEmbeddings.create({ ...localModelOptions(), workers: availableParallelism(), threads: 1 });

/** The question of an /api/ask body or the last user message of a /v1/chat/completions one. */
function questionOf(body) {
  if (typeof body?.question === 'string') return body.question;
  const last = Array.isArray(body?.messages) ? body.messages.at(-1) : null;
  return typeof last?.content === 'string' ? last.content : null;
}

const send = (response, status, value) => {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
};

const server = createServer((request, response) => {
  if (request.method === 'GET') {
    send(response, 200, { documents: 0, passages: 0, embeddings: { provider: 'local', model: model.model } });
    return;
  }
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    let question = null;
    try {
      question = questionOf(JSON.parse(Buffer.concat(chunks).toString('utf8')));
    } catch {
      // answered below
    }
    if (!question) {
      send(response, 400, { error: 'no question' });
      return;
    }
    model.embedQuery(question).then(
      (vector) => send(response, 200, { dimensions: vector.length }),
      (error) => send(response, 500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`listening on http://127.0.0.1:${server.address().port}\n`));
const stop = () => server.close(() => void model.close().finally(() => process.exit(0)));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
