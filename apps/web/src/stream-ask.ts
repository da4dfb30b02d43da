// POST /api/ask as server-sent events, read with fetch and a stream reader.
import type { AskRequest, AskResponse, AskStreamEvent } from '@report-qa/schema';
import { authorized } from './api-client.js';
import { ApiRequestError, errorFromResponse } from './api-request-error.js';
import { createSseParser } from './parse-sse.js';

export type AskStreamHandler = (event: Exclude<AskStreamEvent, { event: 'done' | 'error' }>) => void;

/** Calls onEvent for meta, citations, each delta and a replace (text withdrawn); resolves with the final response. */
export async function streamAsk(request: AskRequest, onEvent: AskStreamHandler, signal?: AbortSignal): Promise<AskResponse> {
  const response = await fetch('/api/ask', {
    method: 'POST',
    // The client header tells the query log this question came from the web app.
    headers: authorized({ 'content-type': 'application/json', accept: 'text/event-stream', 'x-report-qa-client': 'web' }),
    body: JSON.stringify(request),
    signal: signal ?? null,
  });
  if (!response.ok) throw await errorFromResponse(response);

  // A server (or proxy) that ignores Accept answers with plain JSON: replay it as events.
  if (!(response.headers.get('content-type') ?? '').includes('text/event-stream') || !response.body) {
    const result = (await response.json()) as AskResponse;
    onEvent({ event: 'meta', data: { question: result.question, scope: result.scope, mode: result.mode } });
    onEvent({ event: 'citations', data: { citations: result.citations } });
    onEvent({ event: 'delta', data: { text: result.answer } });
    return result;
  }

  let result: AskResponse | null = null;
  let failure: ApiRequestError | null = null;
  const parser = createSseParser(({ event, data }) => {
    if (result || failure) return;
    const payload = JSON.parse(data) as never;
    if (event === 'done') result = payload;
    else if (event === 'error') {
      const body = payload as { error?: { code?: string; message?: string } };
      failure = new ApiRequestError(500, body.error?.code ?? 'STREAM_ERROR', body.error?.message ?? '回答过程中出错');
    } else if (event === 'meta' || event === 'citations' || event === 'delta' || event === 'replace') onEvent({ event, data: payload });
  });

  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.push(value);
      if (result || failure) break;
    }
    parser.end();
  } finally {
    reader.cancel().catch(() => {});
  }
  if (failure) throw failure;
  if (!result) throw new ApiRequestError(502, 'STREAM_INCOMPLETE', '回答中断，请重试');
  return result;
}
