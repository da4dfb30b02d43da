// /v1: an OpenAI-compatible chat endpoint, so bot frameworks (chatgpt-on-wechat, LangBot, …) can ask with any OpenAI client.
import { randomUUID } from 'node:crypto';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Answerer, AnswerResult, AskInput, HistoryTurn } from '@report-qa/answer';
import { answerWithNote, fallbackNote } from '@report-qa/answer';
import { MAX_QUESTION_LENGTH } from '@report-qa/schema';
import { withCitationFooter, withoutCitationFooter } from '@report-qa/wechat';
import { bearerKey, clientAddress, isValidKey } from '../middleware/require-key.js';
import type { RecordAnswer } from '@report-qa/feedback';

export interface OpenAICompatibleRoutesOptions {
  answerer: Answerer;
  /** Bearer keys; when empty, no key is asked for. */
  apiKeys: string[];
  /** The model id reported by /v1/models and in every response (default 'report-qa'). */
  modelName?: string;
  /** Given every answer, under the completion's id (the query log). */
  recordAnswer?: RecordAnswer;
}

const textPart = z.looseObject({ type: z.string(), text: z.string().optional() });
const chatMessage = z.looseObject({
  role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
  content: z.union([z.string(), z.array(textPart), z.null()]).optional(),
});
// Sampling parameters and any other fields clients send are accepted and ignored.
const chatRequest = z.looseObject({
  model: z.string().max(200).optional(),
  messages: z.array(chatMessage).min(1).max(500),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
});
type ChatMessage = z.infer<typeof chatMessage>;

// The routes carry no request schema for OpenAPIHono to apply: the handlers validate, and answer in OpenAI's error shape.
const tags = ['OpenAI 兼容'];
const security = [{ bearer: [] }];
const openAIError = (description: string) => ({ description: `${description}（OpenAI 的错误格式 {error: {message, type, code, param}}）` });
const modelsRoute = createRoute({
  method: 'get',
  path: '/models',
  tags,
  security,
  summary: 'OpenAI 兼容的模型列表',
  responses: { 200: { description: '模型列表（object: list）' }, 401: openAIError('API 密钥无效或缺失') },
});
const modelRoute = createRoute({
  method: 'get',
  path: '/models/{id}',
  tags,
  security,
  summary: 'OpenAI 兼容的模型信息',
  request: { params: z.object({ id: z.string() }) },
  responses: { 200: { description: '模型' }, 401: openAIError('API 密钥无效或缺失'), 404: openAIError('模型不存在') },
});
const chatRoute = createRoute({
  method: 'post',
  path: '/chat/completions',
  tags,
  security,
  summary: 'OpenAI 兼容的对话接口（供微信机器人框架调用）',
  description: '最后一条 user 消息为问题，之前的 user/assistant 消息为上下文；回答末尾附「来源：」，choices[0].message.citations 为引文。',
  request: { body: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ChatCompletionRequest' } } } } },
  responses: {
    200: { description: 'chat.completion；stream 为 true 时为 text/event-stream 的 chat.completion.chunk，以 data: [DONE] 结束' },
    400: openAIError('请求格式不正确'),
    401: openAIError('API 密钥无效或缺失'),
    429: openAIError('请求过于频繁'),
    503: openAIError('提问过多'),
  },
});

const HISTORY_TURNS = 20;
const MAX_HISTORY_CHARS = 20_000;

class OpenAIError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly type: string,
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
  }
  toJSON() {
    return { error: { message: this.message, type: this.type, code: this.code, param: this.param } };
  }
}

function textOf(message: ChatMessage): string {
  if (typeof message.content === 'string') return message.content;
  return (message.content ?? []).map((part) => (part.type === 'text' || part.type === 'input_text' ? (part.text ?? '') : '')).join('');
}

/** The last user message is the question; earlier user/assistant turns are history (system prompts play no part). */
function toAskInput(messages: ChatMessage[], signal: AbortSignal): AskInput {
  const lastUser = messages.findLastIndex((message) => message.role === 'user');
  const question = lastUser >= 0 ? textOf(messages[lastUser]!).trim() : '';
  if (!question) throw new OpenAIError(400, 'invalid_request_error', 'invalid_request', 'messages 中没有用户提问：最后一条 user 消息不能为空', 'messages');
  if (question.length > MAX_QUESTION_LENGTH) {
    throw new OpenAIError(400, 'invalid_request_error', 'question_too_long', `问题过长：最多 ${MAX_QUESTION_LENGTH} 个字符`, 'messages');
  }
  const history: HistoryTurn[] = messages
    .slice(0, lastUser)
    .filter((message) => message.role === 'user' || message.role === 'assistant')
    .map((message) => {
      // Our own earlier answers come back with the source footer: only the answer matters for follow-ups.
      const text = withoutCitationFooter(textOf(message));
      return { role: message.role as HistoryTurn['role'], content: text.slice(0, MAX_HISTORY_CHARS) };
    })
    .filter((turn) => turn.content !== '')
    .slice(-HISTORY_TURNS);
  return { question, history, signal };
}

/** A token estimate (no tokenizer here): one per CJK character, one per four other non-space characters. */
export function estimateTokens(text: string): number {
  const cjk = text.match(/[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/g)?.length ?? 0;
  const other = text.replace(/[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef\s]/g, '').length;
  return cjk + Math.ceil(other / 4);
}

function usageOf(messages: ChatMessage[], content: string) {
  const prompt_tokens = messages.reduce((sum, message) => sum + estimateTokens(textOf(message)) + 4, 0);
  // chatgpt-on-wechat treats completion_tokens == 0 as a failed call.
  const completion_tokens = Math.max(1, estimateTokens(content));
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

function contentOf(result: AnswerResult): string {
  return withCitationFooter(answerWithNote(result), result.citations);
}

export function createOpenAICompatibleRoutes({ answerer, apiKeys, modelName = 'report-qa', recordAnswer }: OpenAICompatibleRoutesOptions) {
  const app = new OpenAPIHono();
  // The request body of chatRoute: described from the schema the handler parses with.
  app.openAPIRegistry.register('ChatCompletionRequest', chatRequest);
  const created = Math.floor(Date.now() / 1000);
  const respondError = (c: Context, error: OpenAIError) => c.json(error.toJSON(), error.status);

  app.onError((error, c) =>
    respondError(c, error instanceof OpenAIError ? error : new OpenAIError(500, 'server_error', 'internal_error', '生成回答时出错，请稍后重试')),
  );
  app.notFound((c) => respondError(c, new OpenAIError(404, 'invalid_request_error', 'not_found', `接口不存在：${c.req.method} ${c.req.path}`)));

  app.use(async (c, next) => {
    if (apiKeys.length > 0 && !isValidKey(bearerKey(c.req.header('authorization')), apiKeys)) {
      throw new OpenAIError(401, 'invalid_request_error', 'invalid_api_key', 'API 密钥无效或缺失：请在请求头中提供 Authorization: Bearer <key>');
    }
    await next();
  });

  const model = { id: modelName, object: 'model', created, owned_by: 'report-qa' };
  app.openapi(modelsRoute, (c) => c.json({ object: 'list', data: [model] }));
  app.openapi(modelRoute, (c) => {
    if (c.req.param('id') !== modelName) throw new OpenAIError(404, 'invalid_request_error', 'model_not_found', `模型不存在：${c.req.param('id')}`, 'model');
    return c.json(model);
  });

  app.openapi(chatRoute, async (c) => {
    let json: unknown;
    try {
      json = await c.req.json();
    } catch {
      throw new OpenAIError(400, 'invalid_request_error', 'invalid_json', '请求体不是有效的 JSON');
    }
    const parsed = chatRequest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const param = issue?.path.join('.') ?? null;
      throw new OpenAIError(400, 'invalid_request_error', 'invalid_request', `请求格式不正确：${param || '请求体'} ${issue?.message ?? ''}`.trim(), param);
    }
    const request = parsed.data;
    const id = `chatcmpl-${randomUUID().replaceAll('-', '')}`;
    const now = () => Math.floor(Date.now() / 1000);
    const started = performance.now();
    const record = (input: AskInput, result: AnswerResult) =>
      recordAnswer?.({
        id,
        channel: 'openai',
        question: input.question,
        history: input.history ?? [],
        result,
        latencyMs: performance.now() - started,
        client: clientAddress(c),
      });

    if (!request.stream) {
      const input = toAskInput(request.messages, c.req.raw.signal);
      const result = await answerer.ask(input);
      record(input, result);
      const content = contentOf(result);
      return c.json({
        id,
        object: 'chat.completion',
        created: now(),
        model: modelName,
        system_fingerprint: null,
        choices: [{ index: 0, message: { role: 'assistant', content, refusal: null, citations: result.citations }, logprobs: null, finish_reason: 'stop' }],
        usage: usageOf(request.messages, content),
      });
    }

    const abort = new AbortController();
    const input = toAskInput(request.messages, abort.signal);
    const includeUsage = request.stream_options?.include_usage === true;
    // As OpenAI does: with include_usage, every chunk carries usage: null except the last one.
    const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
      JSON.stringify({ id, object: 'chat.completion.chunk', created: now(), model: modelName, system_fingerprint: null, choices, ...(includeUsage ? { usage: null } : {}), ...extra });
    const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finishReason });

    return streamSSE(c, async (stream) => {
      stream.onAbort(() => abort.abort());
      let streamed = '';
      let replaced = false;
      try {
        await stream.writeSSE({ data: chunk([choice({ role: 'assistant', content: '' })]) });
        for await (const event of answerer.stream(input)) {
          if (event.type === 'delta' && event.text) {
            streamed += event.text;
            await stream.writeSSE({ data: chunk([choice({ content: event.text })]) });
          } else if (event.type === 'replace') {
            // Sentences of an LLM answer went out, then it broke off or failed its checks: say so, then the whole fallback.
            replaced = true;
            const notice = `\n\n${event.notice}\n\n`;
            streamed += notice;
            await stream.writeSSE({ data: chunk([choice({ content: notice })]) });
          } else if (event.type === 'done') {
            record(input, event.result);
            // Nothing streamed (or a fallback answer): the final answer is sent whole.
            // A fallback not announced by a replace notice is explained after the answer.
            const note = replaced ? '' : fallbackNote(event.result);
            const rest = withCitationFooter((streamed === '' ? event.result.answer : '') + (note ? `\n\n${note}` : ''), event.result.citations);
            if (rest) await stream.writeSSE({ data: chunk([choice({ content: rest })]) });
            streamed += rest;
            await stream.writeSSE({ data: chunk([choice({ citations: event.result.citations }, 'stop')]) });
            if (includeUsage) await stream.writeSSE({ data: chunk([], { usage: usageOf(request.messages, streamed) }) });
          }
        }
      } catch {
        if (!abort.signal.aborted) {
          await stream.writeSSE({ data: JSON.stringify(new OpenAIError(500, 'server_error', 'internal_error', '生成回答时出错，请稍后重试').toJSON()) });
        }
      }
      await stream.writeSSE({ data: '[DONE]' });
    });
  });

  return app;
}
