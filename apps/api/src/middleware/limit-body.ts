// Hono's bodyLimit, without building a web Request for bodies that declare their length.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses bodies over `maxSize` bytes with `onError`. A request that states its Content-Length (and is not chunked) is
 * judged by the header alone: Node's HTTP parser never delivers more than that length, and reading `raw.body`, as
 * Hono's bodyLimit does, makes @hono/node-server build a full web Request and stream for each such request, which
 * cost every answer more than its JSON. A chunked body is counted as it arrives, by Hono's bodyLimit.
 */
export function limitBody({ maxSize, onError }: { maxSize: number; onError: (c: Context) => Response | Promise<Response> }): MiddlewareHandler {
  const counted = bodyLimit({ maxSize, onError });
  return async (c, next) => {
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length !== undefined && c.req.header('transfer-encoding') === undefined) {
      return Number.parseInt(length, 10) > maxSize ? onError(c) : next();
    }
    return counted(c, next);
  };
}
