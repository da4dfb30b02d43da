// API-key check: Bearer keys from API_KEYS; with no keys configured, only loopback clients may write.
import type { MiddlewareHandler } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { safeEqual } from '@report-qa/wechat';
import { ApiError } from './api-error.js';
import { keylessWriteRefusal } from './check-same-origin.js';

export function bearerKey(header: string | undefined): string | null {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match?.[1]?.trim() || null;
}

export function isValidKey(candidate: string | null, keys: string[]): boolean {
  if (!candidate) return false;
  // Compare against every key so the time taken does not tell which one nearly matched.
  return keys.reduce((found, key) => safeEqual(candidate, key) || found, false);
}

export function clientAddress(c: Parameters<MiddlewareHandler>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

const loopback = /^(?:127\.|::1$|::ffff:127\.)/;

export interface RequireKeyOptions {
  keys: string[];
  /** With no keys configured: let loopback clients through, when their request comes from the app's own origin. */
  allowLoopbackWithoutKeys: boolean;
  /** Host names besides loopback ones under which keyless loopback clients may write (ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
}

export function requireKey({ keys, allowLoopbackWithoutKeys, allowedHosts = [] }: RequireKeyOptions): MiddlewareHandler {
  return async (c, next) => {
    if (keys.length === 0) {
      const address = clientAddress(c);
      if (allowLoopbackWithoutKeys && (loopback.test(address) || address === 'unknown')) {
        const refusal = keylessWriteRefusal(c, allowedHosts);
        if (refusal) throw refusal;
        return next();
      }
      throw new ApiError(403, 'WRITE_DISABLED', '未配置 API 密钥（API_KEYS），仅允许本机修改报告库');
    }
    if (!isValidKey(bearerKey(c.req.header('authorization')), keys)) {
      throw new ApiError(401, 'UNAUTHORIZED', '需要有效的 API 密钥：请在请求头中提供 Authorization: Bearer <key>');
    }
    return next();
  };
}
