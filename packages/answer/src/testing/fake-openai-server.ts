// A fake OpenAI-compatible chat server on loopback for tests: scriptable replies, HTTP errors, stalls, broken streams; records requests.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The parts of a chat completion request the fake reads. */
export interface ChatRequestBody {
  model?: string;
  stream?: boolean;
  messages?: { role: string; content: string }[];
  [key: string]: unknown;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body (null when it was not JSON). */
  body: ChatRequestBody | null;
}

export type FakeReply =
  /** A reply text, sent whole or (when streaming) in pieces of `chunkSize` characters, `delayMs` apart. */
  | { type: 'text'; text: string | ((request: ChatRequestBody) => string); chunkSize?: number; delayMs?: number }
  /** An HTTP error with an OpenAI-shaped body: {"error": {message, type, code}}. */
  | { type: 'error'; status: number; message?: string; code?: string }
  /** Headers (and `text`, streamed, if given) are sent, then nothing more until the server closes. */
  | { type: 'stall'; text?: string }
  /** `text` is streamed, then a chunk that is not JSON, then the stream ends (a broken upstream or proxy). */
  | { type: 'invalid_json'; text: string }
  /** `text` is streamed, then the connection is cut without the closing chunk or [DONE]. */
  | { type: 'disconnect'; text: string };

export interface FakeOpenAiServer {
  /** The base URL to give an OpenAI client, e.g. http://127.0.0.1:40123/v1. */
  readonly baseURL: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** The reply for every later request (until changed); a function picks one per request. */
  setReply(reply: FakeReply | ((request: ChatRequestBody) => FakeReply)): void;
  /** One-off replies used, in order, before the standing reply. */
  enqueue(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

const errorTypes: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  429: 'rate_limit_error',
};

/** The passages of a prompt by number — fenced as <资料 编号="n" …>text</资料>, or lines `[n]…` — so a reply can cite real ones. */
export function numberedPassages(request: ChatRequestBody): Map<number, string> {
  const passages = new Map<number, string>();
  const prompt = (request.messages ?? []).map((message) => message.content).join('\n');
  for (const match of prompt.matchAll(/<资料 编号="(\d+)"[^>]*>\n([\s\S]*?)\n<\/资料>/gu)) passages.set(Number(match[1]), (match[2] ?? '').trim());
  if (passages.size > 0) return passages;
  for (const match of prompt.matchAll(/^\[(\d+)\](.*)$/gmu)) passages.set(Number(match[1]), (match[2] ?? '').trim());
  return passages;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(value));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function chunk(id: string, model: string, delta: Record<string, string>, finish: string | null): string {
  const body = { id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model, choices: [{ index: 0, delta, finish_reason: finish }] };
  return `data: ${JSON.stringify(body)}\n\n`;
}

function pieces(text: string, size: number): string[] {
  const characters = Array.from(text);
  const result: string[] = [];
  for (let i = 0; i < characters.length; i += size) result.push(characters.slice(i, i + size).join(''));
  return result;
}

/** Starts the fake on 127.0.0.1 and a free port; the default reply is the text 「好的」. */
export async function startFakeOpenAiServer(options: { reply?: FakeReply } = {}): Promise<FakeOpenAiServer> {
  const requests: RecordedRequest[] = [];
  const queue: FakeReply[] = [];
  let standing: FakeReply | ((request: ChatRequestBody) => FakeReply) = options.reply ?? { type: 'text', text: '好的' };
  let sequence = 0;

  const server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request);
      let body: ChatRequestBody | null = null;
      try {
        body = JSON.parse(raw) as ChatRequestBody;
      } catch {
        body = null;
      }
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
      if (request.method !== 'POST' || !path.endsWith('/chat/completions') || !body) {
        sendJson(response, 404, { error: { message: `Unknown route ${request.method} ${path}`, type: 'not_found_error', param: null, code: null } });
        return;
      }
      const picked = queue.shift() ?? (typeof standing === 'function' ? standing(body) : standing);
      const model = body.model ?? 'fake-model';
      const id = `chatcmpl-fake-${(sequence += 1)}`;
      if (picked.type === 'error') {
        sendJson(response, picked.status, {
          error: { message: picked.message ?? `Fake error ${picked.status}`, type: errorTypes[picked.status] ?? 'server_error', param: null, code: picked.code ?? null },
        });
        return;
      }
      const text = picked.type === 'text' ? (typeof picked.text === 'function' ? picked.text(body) : picked.text) : (picked.text ?? '');
      if (!body.stream) {
        if (picked.type === 'stall') return; // never answers
        if (picked.type === 'invalid_json') {
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(`{"id":"${id}","choices":[{"message":{"content":"${text}`);
          return;
        }
        if (picked.type === 'disconnect') {
          response.destroy();
          return;
        }
        const completionTokens = Array.from(text).length;
        sendJson(response, 200, {
          id,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model,
          choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
          usage: { prompt_tokens: raw.length, completion_tokens: completionTokens, total_tokens: raw.length + completionTokens },
        });
        return;
      }
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      response.write(chunk(id, model, { role: 'assistant', content: '' }, null));
      const size = picked.type === 'text' ? (picked.chunkSize ?? 2) : 2;
      for (const piece of pieces(text, size)) {
        if (response.destroyed) return;
        if (picked.type === 'text' && picked.delayMs) await sleep(picked.delayMs);
        response.write(chunk(id, model, { content: piece }, null));
      }
      if (picked.type === 'stall') return; // headers and any text sent; then silence
      if (picked.type === 'invalid_json') {
        response.end('data: {"id":"broken","choices":[{"delta":{"content":\n\n');
        return;
      }
      if (picked.type === 'disconnect') {
        // Cut only once what was written has left, so the client sees the text, then a reset.
        await new Promise<void>((resolve) => response.write('', () => resolve()));
        response.destroy();
        return;
      }
      response.write(chunk(id, model, {}, 'stop'));
      response.write('data: [DONE]\n\n');
      response.end();
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    setReply(reply) {
      standing = reply;
    },
    enqueue(...replies) {
      queue.push(...replies);
    },
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
