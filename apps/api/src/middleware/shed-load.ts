// Load shedding for the answer routes: past the queue bound, a fast 503 with Retry-After instead of a late answer.
import type { MiddlewareHandler } from 'hono';
import type { AnswerGate } from '@report-qa/library';
import { errorBodyForPath } from './to-user-error.js';

/**
 * Holds a place in the gate for the whole answer: until the JSON is built, or until a stream (SSE) ends or its
 * client goes away. A refused request gets 503 at once: `{error: {code: 'OVERLOADED', …}}` on /api, the OpenAI
 * error shape on /v1 (errorBodyForPath).
 */
export function shedLoad(gate: AnswerGate): MiddlewareHandler {
  return async (c, next) => {
    const admission = gate.enter();
    if (!admission.admitted) {
      const body = { error: { code: 'OVERLOADED', message: `当前提问较多，服务繁忙，请 ${admission.retryAfterSeconds} 秒后再试`, requestId: c.get('requestId') as string | undefined } };
      c.header('Retry-After', String(admission.retryAfterSeconds));
      return c.json(errorBodyForPath(c.req.path, 503, body), 503);
    }
    let streaming = false;
    try {
      await next();
      const body = c.res.body;
      if (body && (c.res.headers.get('content-type') ?? '').startsWith('text/event-stream')) {
        c.res = new Response(releasingStream(body, admission.leave), c.res);
        streaming = true;
      }
    } finally {
      if (!streaming) admission.leave();
    }
  };
}

/** The same bytes; calls done() once when the stream ends, fails or is cancelled by the client. */
function releasingStream(body: ReadableStream<Uint8Array>, done: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done: finished, value } = await reader.read();
        if (finished) {
          done();
          controller.close();
        } else {
          controller.enqueue(value);
        }
      } catch (error) {
        done();
        controller.error(error);
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}
