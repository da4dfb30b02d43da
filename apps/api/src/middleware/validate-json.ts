// JSON body validation: malformed JSON, wrong content type and schema violations become clear 4xx errors.
import type { Env, MiddlewareHandler } from 'hono';
import type { z } from 'zod';
import { ApiError } from '../api-error.js';

export function validateJson<Schema extends z.ZodType>(
  schema: Schema,
): MiddlewareHandler<Env, string, { in: { json: z.input<Schema> }; out: { json: z.output<Schema> } }> {
  return async (c, next) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请求体必须是 JSON，请设置 Content-Type: application/json');
    }
    let body: unknown;
    try {
      body = JSON.parse(await c.req.text());
    } catch {
      throw new ApiError(400, 'INVALID_JSON', '请求体不是有效的 JSON，请检查引号、逗号和括号');
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(body)', message: issue.message }));
      const first = issues[0];
      throw new ApiError(400, 'VALIDATION_ERROR', `请求参数有误：${first ? `${first.path} ${first.message}` : '格式不正确'}`, issues);
    }
    c.req.addValidatedData('json', parsed.data as object);
    await next();
  };
}
