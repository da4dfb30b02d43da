// The OpenAI-compatible provider against a fake embeddings server on loopback.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbeddings } from './create-embeddings.js';
import { LocalEmbeddings } from './local-embeddings.js';
import { EmbeddingUnavailableError } from './retrieval-error.js';
import { temporaryDir } from './testing/index.js';

let server: Server;
let baseURL: string;
const requests: { model: string; input: string[]; dimensions?: number; authorization?: string }[] = [];
let respondBadly = false;

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const parsed = JSON.parse(body) as { model: string; input: string[]; dimensions?: number };
      requests.push({ ...parsed, authorization: request.headers.authorization });
      response.setHeader('content-type', 'application/json');
      if (respondBadly) {
        response.end(JSON.stringify({ data: [{ index: 0, embedding: 'not a vector' }] }));
        return;
      }
      // Unnormalised vectors, returned out of order, as some servers do.
      const data = parsed.input.map((text, index) => ({ object: 'embedding', index, embedding: [text.length, 2, 2] })).reverse();
      response.end(JSON.stringify({ object: 'list', data, model: parsed.model, usage: { prompt_tokens: 1, total_tokens: 1 } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('OpenAI-compatible embeddings', () => {
  it('learns the dimension, keeps input order and normalises', async () => {
    const embeddings = await createEmbeddings({ provider: 'openai', baseURL, apiKey: 'secret', model: 'text-embedding-test', dimensions: 3, batchSize: 2 });
    expect(embeddings).toMatchObject({ model: 'text-embedding-test', dimensions: 3 });
    const vectors = await embeddings!.embedDocuments(['a', 'bb', 'ccc']);
    expect(vectors.map((vector) => Math.hypot(...vector))).toEqual([1, 1, 1].map(() => expect.closeTo(1, 6)));
    expect(vectors[0]![0]).toBeCloseTo(1 / 3);
    expect(vectors[2]![0]).toBeCloseTo(3 / Math.sqrt(17));
    const last = requests.at(-1)!;
    expect(last).toMatchObject({ model: 'text-embedding-test', input: ['ccc'], dimensions: 3, authorization: 'Bearer secret' });
  });

  it('turns a malformed response into EmbeddingUnavailableError', async () => {
    const embeddings = await createEmbeddings({ provider: 'openai', baseURL, apiKey: 'secret', model: 'm' });
    respondBadly = true;
    try {
      await expect(embeddings!.embedQuery('问题')).rejects.toThrow(EmbeddingUnavailableError);
    } finally {
      respondBadly = false;
    }
  });

  it('reports an unreachable service as EmbeddingUnavailableError', async () => {
    await expect(createEmbeddings({ provider: 'openai', baseURL: 'http://127.0.0.1:9/v1', apiKey: 'x', model: 'm', maxRetries: 0 })).rejects.toThrow(
      EmbeddingUnavailableError,
    );
  });
});

describe('createEmbeddings', () => {
  it('gives null for keyword-only and a clear error for a missing local model', async () => {
    expect(await createEmbeddings({ provider: 'none' })).toBeNull();
    await expect(LocalEmbeddings.create({ modelDir: temporaryDir() })).rejects.toThrow(/找不到本地嵌入模型 bge-small-zh-v1.5/);
    await expect(createEmbeddings({ provider: 'local', modelDir: null })).rejects.toThrow(EmbeddingUnavailableError);
  });
});
