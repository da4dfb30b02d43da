// POST /api/ask as server-sent events, read with fetch and a stream reader.
import type { AskRequest, AskResponse, AskStreamEvent } from '@report-qa/schema';
import { authorized } from './api-client.js';
import { ApiRequestError, errorFromResponse } from './api-request-error.js';
import { createSseParser } from './parse-sse.js';

/** The wire schema (zod) loads as its own chunk, in parallel with the request, so the first page stays small. */
const loadSchema = () => import('@report-qa/schema').then((module) => module.askStreamEventSchema);

export type AskStreamHandler = (event: Exclude<AskStreamEvent, { event: 'done' | 'error' }>) => void;

/** Calls onEvent for meta, citations, each delta and a replace (text withdrawn); resolves with the final response. */
export async function streamAsk(request: AskRequest, onEvent: AskStreamHandler, signal?: AbortSignal): Promise<AskResponse> {
  const schemaLoading = loadSchema();
  schemaLoading.catch(() => {});
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

  const askStreamEventSchema = await schemaLoading;
  const knownEvents = new Set<string>(askStreamEventSchema.options.map((option) => option.shape.event.value));
  let result: AskResponse | null = null;
  let failure: ApiRequestError | null = null;
  const parser = createSseParser(({ event, data }) => {
    if (result || failure) return;
    // Every event is checked against the wire schema the server writes with; one that does not fit ends the answer,
    // and an event this app does not know (from a newer server) is passed over.
    if (!knownEvents.has(event ?? '')) return;
    let parsed: AskStreamEvent;
    try {
      const checked = askStreamEventSchema.safeParse({ event, data: JSON.parse(data) });
      if (!checked.success) throw checked.error;
      parsed = checked.data;
    } catch {
      failure = new ApiRequestError(502, 'STREAM_INVALID', '回答数据格式有误，请重试');
      return;
    }
    if (parsed.event === 'done') result = parsed.data;
    else if (parsed.event === 'error') failure = new ApiRequestError(500, parsed.data.error.code, parsed.data.error.message);
    else onEvent(parsed);
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
