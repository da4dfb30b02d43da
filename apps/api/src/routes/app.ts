// The Hono application: middleware, the API resources and the web app, built from injected dependencies.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Hono } from 'hono';
import { cors } from 'hono/cors';
import { requestId, type RequestIdVariables } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { timeout } from 'hono/timeout';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { Answerer } from '@report-qa/answer';
import { createAnswerRecorder, memoryQueryLog, type AnswerLogging } from '@report-qa/feedback';
import { ApiError } from '../middleware/api-error.js';
import { createAnswerGate, type AnswerGate, type Library } from '@report-qa/library';
import type { AppConfig } from '../config/config.js';
import { contentSecurityPolicy } from '../middleware/content-security-policy.js';
import { limitBody } from '../middleware/limit-body.js';
import type { Logger } from '../config/logger.js';
import { rateLimit } from '../middleware/rate-limit.js';
import { requireKey } from '../middleware/require-key.js';
import { shedLoad } from '../middleware/shed-load.js';
import { createAnswerRoutes } from './answers.js';
import { createAskRoutes } from './ask.js';
import { buildOpenApiDocument, createDocsRoutes } from './docs.js';
import { createDocumentRoutes } from './documents.js';
import { createFeedbackRoutes } from './feedback.js';
import { createHealthRoutes } from './health.js';
import { createIndicatorRoutes, indicatorDefinitions } from './indicators.js';
import { createSearchRoutes } from './search.js';
import { createSuggestionRoutes } from './suggestions.js';
import { validationHook } from './validation-hook.js';
import { errorBodyForPath, toUserError } from '../middleware/to-user-error.js';

// Validation messages users see are Chinese.
z.config(z.locales.zhCN());

export interface AppDeps {
  config: AppConfig;
  logger: Logger;
  library: Library;
  answerer: Answerer;
  /** The query log and the identifier hash (default: in memory, for tests of other resources). */
  answerLogging?: AnswerLogging;
  /** Extra sub-apps mounted by path (the OpenAI-compatible and WeChat routes); those that are OpenAPIHono apps bring their routes into the document. */
  routes?: Record<string, Hono>;
  /** Admission for answers, shared with the WeChat routes (default: one built from config.answerMaxWaitMs). */
  gate?: AnswerGate;
}

export type AppEnv = { Variables: RequestIdVariables };

export function createApp({ config, logger, library, answerer, answerLogging = memoryQueryLog(), routes = {}, gate = createAnswerGate({ maxWaitMs: config.answerMaxWaitMs }) }: AppDeps) {
  // Routes are defined with their schemas (createRoute): a request they refuse gets the API's 400 (validationHook), and /api/openapi.json is generated from them.
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const recordAnswer = createAnswerRecorder({ logging: answerLogging, onError: (error, answerId) => logger.warn({ err: error, answerId }, 'query log write failed') });
  const log = answerLogging.log;

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    logger.info(
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  // A store shared with other processes: what they committed before this request is visible to it.
  if (library.refresh) {
    const refresh = library.refresh.bind(library);
    app.use('*', async (_c, next) => {
      await refresh();
      await next();
    });
  }
  app.use(secureHeaders({ crossOriginResourcePolicy: false, crossOriginOpenerPolicy: false }));
  app.use(contentSecurityPolicy());
  if (config.corsOrigins.length > 0) {
    const origin = config.corsOrigins.includes('*') ? '*' : config.corsOrigins;
    app.use('/api/*', cors({ origin, allowHeaders: ['Content-Type', 'Authorization', 'Accept'], exposeHeaders: ['X-Request-Id', 'Retry-After'] }));
    app.use('/v1/*', cors({ origin, allowHeaders: ['Content-Type', 'Authorization'], exposeHeaders: ['X-Request-Id'] }));
  }

  const jsonLimit = limitBody({
    maxSize: config.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `请求体过大：上限 ${config.maxBodyBytes} 字节`);
    },
  });
  const limiter = rateLimit({ perMinute: config.rateLimitPerMinute, keys: config.apiKeys });
  const deadline = timeout(config.requestTimeoutMs);
  if (config.readRequiresKey) {
    const readGuard = requireKey({ keys: config.apiKeys, allowLoopbackWithoutKeys: false });
    app.use('/api/*', async (c, next) => (c.req.path === '/api/health' ? next() : readGuard(c, next)));
  }
  for (const path of ['/api/ask', '/api/search', '/api/feedback', '/api/suggestions']) app.use(path, limiter, jsonLimit);
  app.use('/api/search', deadline);
  app.use('/v1/*', limiter, jsonLimit);
  // Answers past the queue bound get a fast 503 (after the rate limit, so a flood still counts against its client).
  const shed = shedLoad(gate);
  app.use('/api/ask', shed);
  app.use('/v1/chat/completions', shed);
  // Suggestions ask the answerer too (a few extractive answers): shed with the rest.
  app.use('/api/suggestions', shed);

  app.route('/api/health', createHealthRoutes({ library, config, gate }));
  app.route('/api/search', createSearchRoutes({ library }));
  app.route('/api/ask', createAskRoutes({ answerer, logger, recordAnswer }));
  app.route('/api/feedback', createFeedbackRoutes({ log }));
  app.route('/api/answers', createAnswerRoutes({ log, apiKeys: config.apiKeys }));
  app.route('/api/suggestions', createSuggestionRoutes({ log, library, answerer }));
  app.route('/api/documents', createDocumentRoutes({ library, config }));
  app.route('/api', createIndicatorRoutes({ library, definitions: indicatorDefinitions(config) }));
  app.route('/api', createDocsRoutes({ document: () => buildOpenApiDocument(app) }));
  for (const [path, subApp] of Object.entries(routes)) app.route(path, subApp);
  // OpenAI clients expect a JSON error (in their shape, see errorBodyForPath) for a path we do not serve, not the web page.
  app.all('/v1/*', () => {
    throw new ApiError(404, 'NOT_FOUND', '接口不存在：OpenAI 兼容接口提供 POST /v1/chat/completions 和 GET /v1/models');
  });
  app.all('/api/*', () => {
    throw new ApiError(404, 'NOT_FOUND', '接口不存在，请查看 /api/docs');
  });

  if (existsSync(join(config.webDistDir, 'index.html'))) {
    app.use('/*', serveStatic({ root: config.webDistDir }));
    app.get('/*', serveStatic({ root: config.webDistDir, path: 'index.html' }));
  } else {
    app.get('/', (c) => c.html('<!doctype html><meta charset="utf-8"><title>报告问答</title><p>网页应用尚未构建：请运行 <code>npm run build</code>。API 文档见 <a href="/api/docs">/api/docs</a>。</p>'));
  }

  app.notFound((c) => c.json(toUserError(new ApiError(404, 'NOT_FOUND', '请求的资源不存在'), c.get('requestId')).body, 404));
  app.onError((error, c) => {
    const { status, body } = toUserError(error, c.get('requestId'));
    if (status >= 500) logger.error({ requestId: c.get('requestId'), err: error }, 'request failed');
    return c.json(errorBodyForPath(c.req.path, status, body), status);
  });
  return app;
}
