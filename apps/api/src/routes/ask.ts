// POST /api/ask: a cited answer, as JSON or as a stream of server-sent events.
import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { Answerer, AnswerResult, AskInput } from '@report-qa/answer';
import { askRequestSchema, askResponseSchema, askStreamEventSchema, type AskRequest } from '@report-qa/schema';
import type { Logger } from '../config/logger.js';
import { clientAddress } from '../middleware/require-key.js';
import { requireJsonBody } from '../middleware/require-json-body.js';
import type { RecordAnswer } from '@report-qa/feedback';
import { toUserError } from '../middleware/to-user-error.js';
import { errorResponse, jsonBodyErrors } from './openapi-responses.js';
import { validationHook } from './validation-hook.js';

function toAskInput(request: AskRequest, signal: AbortSignal): AskInput {
  return {
    question: request.question,
    history: request.history ?? [],
    ...(request.filters ? { filters: request.filters } : {}),
    ...(request.topK ? { topK: request.topK } : {}),
    mode: request.mode ?? 'auto',
    signal,
  };
}

/** The web app says it is the web app, so the query log can tell its questions from other API clients'. */
export const CLIENT_HEADER = 'x-report-qa-client';

const askRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['问答'],
  summary: '提问，返回带引文的答案',
  description:
    'Accept: text/event-stream 时以 SSE 流式返回：citations、meta、delta…、done（出错时为 error）；已显示的大模型回答中断或未通过核对时，先发 replace（notice、mode、citations），其后的 delta 为替换后的完整回答。请求头 X-Report-QA-Client: web 标明来自网页应用。',
  middleware: [requireJsonBody()],
  request: { body: { required: true, content: { 'application/json': { schema: askRequestSchema } } } },
  responses: {
    200: {
      description: '答案；流式时每个事件的 event 与 data（JSON）如 text/event-stream 的模式所示',
      content: { 'application/json': { schema: askResponseSchema }, 'text/event-stream': { schema: askStreamEventSchema } },
    },
    ...jsonBodyErrors,
    503: errorResponse('提问过多（code OVERLOADED，Retry-After 头给出等待秒数）'),
  },
});

export function createAskRoutes({ answerer, logger, recordAnswer }: { answerer: Answerer; logger: Logger; recordAnswer?: RecordAnswer }) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(askRoute, async (c) => {
    const request = c.req.valid('json');
    const wantsStream = (c.req.header('accept') ?? '').includes('text/event-stream');
    // Every answer gets an id (in the response and the stream's done event) under which it is logged and rated.
    const id = randomUUID();
    const started = performance.now();
    const record = (result: AnswerResult) =>
      recordAnswer?.({
        id,
        channel: c.req.header(CLIENT_HEADER) === 'web' ? 'web' : 'api',
        question: request.question,
        history: request.history ?? [],
        result,
        latencyMs: performance.now() - started,
        client: clientAddress(c),
      });
    if (!wantsStream) {
      const result = await answerer.ask(toAskInput(request, c.req.raw.signal));
      record(result);
      return c.json({ id, ...result }, 200);
    }
    const requestId = c.get('requestId');
    return streamSSE(c, async (stream) => {
      const abort = new AbortController();
      stream.onAbort(() => abort.abort());
      // The answerer emits events in the wire's order (citations, meta, delta…, done): they pass through as they come.
      try {
        for await (const event of answerer.stream(toAskInput(request, abort.signal))) {
          if (event.type === 'citations') await stream.writeSSE({ event: 'citations', data: JSON.stringify({ citations: event.citations }) });
          else if (event.type === 'meta') {
            await stream.writeSSE({ event: 'meta', data: JSON.stringify({ question: event.question, scope: event.scope, mode: event.mode }) });
          } else if (event.type === 'replace') {
            // The text shown so far is withdrawn; the deltas that follow are the fallback answer from its start.
            await stream.writeSSE({ event: 'replace', data: JSON.stringify({ notice: event.notice, mode: event.mode, citations: event.citations }) });
          } else if (event.type === 'delta') {
            await stream.writeSSE({ event: 'delta', data: JSON.stringify({ text: event.text }) });
          } else {
            record(event.result);
            await stream.writeSSE({ event: 'done', data: JSON.stringify({ id, ...event.result }) });
          }
        }
      } catch (error) {
        const { body } = toUserError(error, requestId);
        if (body.error.code === 'INTERNAL_ERROR') logger.error({ requestId, err: error }, 'ask stream failed');
        await stream.writeSSE({ event: 'error', data: JSON.stringify(body) });
      }
    });
  });
}
