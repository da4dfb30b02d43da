// Per-key (or per-client-address) rate limit: 429 with Retry-After and a Chinese message.
import { rateLimiter } from 'hono-rate-limiter';
import type { MiddlewareHandler } from 'hono';
import { errorBodyForPath } from './to-user-error.js';
import { bearerKey, clientAddress, isValidKey } from './require-key.js';

/**
 * `keys` are the configured API keys: only a valid key gets its own budget. Any other request counts against its
 * client address, so made-up keys (a new one per request) cannot buy a fresh budget each time.
 */
export function rateLimit({ perMinute, keys = [] }: { perMinute: number; keys?: string[] }): MiddlewareHandler {
  if (perMinute <= 0) return (_c, next) => next();
  return rateLimiter({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-6',
    keyGenerator: (c) => {
      const key = bearerKey(c.req.header('authorization'));
      return key && isValidKey(key, keys) ? `key:${key}` : `ip:${clientAddress(c)}`;
    },
    message: (c) =>
      errorBodyForPath(c.req.path, 429, {
        error: { code: 'RATE_LIMITED', message: `请求过于频繁：每分钟最多 ${perMinute} 次，请稍后再试` },
      }) as Record<string, unknown>,
  });
}
