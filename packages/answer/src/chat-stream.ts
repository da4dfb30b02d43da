// Streams a chat completion from an OpenAI-compatible endpoint, giving up when it stalls longer than the timeout.
import OpenAI from 'openai';
import { z } from 'zod';
import { AnswerError } from './answer-error.js';
import type { LlmOptions } from './types.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export const defaultLlmTimeoutMs = 8000;

// Only the fields we use are read from the endpoint's JSON.
const chunkSchema = z.object({
  choices: z.array(z.object({ delta: z.object({ content: z.string().nullish() }).nullish() })).default([]),
});
const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }) })).min(1),
});

function createClient(llm: LlmOptions): OpenAI {
  // Retries are ours to decide (we fall back instead), and the SDK's own timeout is a backstop only.
  return new OpenAI({ baseURL: llm.baseURL, apiKey: llm.apiKey, maxRetries: 0, timeout: (llm.timeoutMs ?? defaultLlmTimeoutMs) * 4 });
}

function describe(error: unknown, timedOut: boolean, timeoutMs: number): AnswerError {
  if (timedOut) return new AnswerError(`大模型在 ${timeoutMs} 毫秒内没有响应`, { code: 'llm_timeout', cause: error });
  if (error instanceof OpenAI.APIError && error.status !== undefined) {
    return new AnswerError(`大模型接口返回错误（HTTP ${error.status}）`, { code: 'llm_http_error', cause: error });
  }
  if (error instanceof AnswerError) return error;
  return new AnswerError('调用大模型失败', { code: 'llm_error', cause: error });
}

/**
 * Yields the reply's text pieces as they arrive. Throws AnswerError when the endpoint fails, or when no piece
 * arrives for `timeoutMs` (before the first token or between two: a stall mid-stream counts).
 */
export async function* streamChat(llm: LlmOptions, messages: ChatMessage[], signal?: AbortSignal): AsyncGenerator<string> {
  const timeoutMs = llm.timeoutMs ?? defaultLlmTimeoutMs;
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
  };
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  arm();
  try {
    const stream = await createClient(llm).chat.completions.create(
      { model: llm.model, messages, stream: true, ...(llm.temperature === undefined ? {} : { temperature: llm.temperature }) },
      { signal: controller.signal },
    );
    for await (const raw of stream) {
      arm();
      const chunk = chunkSchema.safeParse(raw);
      if (!chunk.success) throw new AnswerError('大模型返回了无法识别的数据', { code: 'llm_bad_response', cause: chunk.error });
      const text = chunk.data.choices[0]?.delta?.content;
      if (text) yield text;
    }
    // An aborted SSE stream may just end: a timeout must still count as a failure, not as a short answer.
    if (timedOut || signal?.aborted) throw new AnswerError('stream aborted', { code: 'aborted' });
  } catch (error) {
    if (signal?.aborted) throw new AnswerError('请求已取消', { code: 'aborted', cause: error });
    throw describe(error, timedOut, timeoutMs);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

/** One non-streamed completion, within the timeout; used for short tasks such as rewriting a follow-up. */
export async function completeChat(llm: LlmOptions, messages: ChatMessage[], signal?: AbortSignal): Promise<string> {
  const timeoutMs = llm.timeoutMs ?? defaultLlmTimeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
  try {
    const raw = await createClient(llm).chat.completions.create(
      { model: llm.model, messages, stream: false, ...(llm.temperature === undefined ? {} : { temperature: llm.temperature }) },
      { signal: combined },
    );
    const parsed = completionSchema.safeParse(raw);
    if (!parsed.success) throw new AnswerError('大模型返回了无法识别的数据', { code: 'llm_bad_response', cause: parsed.error });
    return parsed.data.choices[0]?.message.content ?? '';
  } catch (error) {
    throw describe(error, timeout.aborted, timeoutMs);
  }
}
