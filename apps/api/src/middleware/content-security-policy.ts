// Content-Security-Policy: the web app runs only its own scripts and styles; the API docs page gets what Swagger UI needs.
import type { MiddlewareHandler } from 'hono';

const base = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

const serialize = (policy: Record<string, string[]>) =>
  Object.entries(policy)
    .map(([directive, sources]) => `${directive} ${sources.join(' ')}`)
    .join('; ');

/** The web app (Vite build: external module scripts and stylesheets, no inline code): self only. */
export const APP_CONTENT_SECURITY_POLICY = serialize(base);

/**
 * Swagger UI at /api/docs: its stylesheet draws icons from data: URLs (checked in a browser: nothing else is
 * refused); scripts stay self only (the bundle and init.js are files, nothing inline).
 */
export const DOCS_CONTENT_SECURITY_POLICY = serialize({ ...base, 'img-src': ["'self'", 'data:'] });

/** Sets the policy on every response that has none yet: the docs pages get theirs, everything else the app's. */
export function contentSecurityPolicy(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (c.res.headers.has('content-security-policy')) return;
    const docs = c.req.path === '/api/docs' || c.req.path.startsWith('/api/docs/');
    c.res.headers.set('content-security-policy', docs ? DOCS_CONTENT_SECURITY_POLICY : APP_CONTENT_SECURITY_POLICY);
  };
}
