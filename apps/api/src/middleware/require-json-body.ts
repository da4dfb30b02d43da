// A JSON request body: a wrong content type and malformed JSON become clear 4xx errors before the route's schema is applied.
import type { MiddlewareHandler } from 'hono';
import { ApiError } from './api-error.js';

/** Runs before OpenAPIHono's own content-type gate and JSON validator, so clients get these codes and messages rather than theirs. */
export function requireJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请求体必须是 JSON，请设置 Content-Type: application/json');
    }
    try {
      // The text is kept by Hono: the route's validator parses it again without reading the stream.
      JSON.parse(await c.req.text());
    } catch {
      throw new ApiError(400, 'INVALID_JSON', '请求体不是有效的 JSON，请检查引号、逗号和括号');
    }
    await next();
  };
}
