// The OpenAPI document is generated from the route definitions: every route the server app serves is in it, and nothing else.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/config.js';
import { createServerApp } from './server-app.js';
import { createEngine, type Engine } from '../config/engine.js';
import { createLogger } from '../config/logger.js';
import { buildOpenApiDocument } from './docs.js';

type OpenApiDocument = { paths?: Record<string, object> };

const METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** The web app's pages and files (served from apps/web/dist, or one page when it is not built) are not part of the API. */
const WEB_APP = new Set(['/', '/*']);

/** Each route the app answers, as "METHOD /path/{param}": middleware (method ALL) and the web app left out. */
function servedRoutes(app: { routes: { method: string; path: string }[] }): string[] {
  const routes = app.routes
    .filter((route) => route.method !== 'ALL' && !WEB_APP.has(route.path))
    .map((route) => `${route.method} ${route.path.replaceAll(/:([^/{}]+)/g, '{$1}')}`);
  return [...new Set(routes)].sort();
}

function documentedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths ?? {})
    .flatMap(([path, item]) => Object.keys(item).filter((key) => METHODS.has(key)).map((method) => `${method.toUpperCase()} ${path}`))
    .sort();
}

const missingFrom = (document: OpenApiDocument, app: { routes: { method: string; path: string }[] }) => servedRoutes(app).filter((route) => !documentedRoutes(document).includes(route));

describe('the check', () => {
  it('names a route served without a definition', () => {
    const app = new OpenAPIHono();
    app.openapi(createRoute({ method: 'get', path: '/items/{id}', responses: { 200: { description: 'an item' } } }), (c) => c.text('item'));
    app.use('/items/*', async (_c, next) => next());
    app.post('/items/:id/archive', (c) => c.text('archived'));
    const document: OpenApiDocument = buildOpenApiDocument(app);
    expect(documentedRoutes(document)).toEqual(['GET /items/{id}']);
    expect(missingFrom(document, app)).toEqual(['POST /items/{id}/archive']);
  });
});

describe('the server app', () => {
  const indexDir = mkdtempSync(join(tmpdir(), 'report-qa-openapi-'));
  const reportsDir = mkdtempSync(join(tmpdir(), 'report-qa-openapi-reports-'));
  let engine: Engine;
  let app: ReturnType<typeof createServerApp>;
  let document: OpenApiDocument;

  beforeAll(async () => {
    // Every optional resource switched on: the OpenAI-compatible routes are always there, the two WeChat callbacks by config.
    const config = loadConfig({
      INDEX_DIR: indexDir,
      REPORTS_DIR: reportsDir,
      EMBEDDING_PROVIDER: 'none',
      LOG_LEVEL: 'silent',
      WECHAT_TOKEN: 'openapitoken',
      WECOM_TOKEN: 'openapitoken',
      WECOM_CORP_ID: 'wwopenapi',
      WECOM_ENCODING_AES_KEY: 'a'.repeat(43),
    });
    engine = await createEngine(config);
    app = createServerApp(engine, createLogger(config));
    const response = await app.request('/api/openapi.json');
    expect(response.status).toBe(200);
    document = (await response.json()) as OpenApiDocument;
  });

  afterAll(async () => {
    await engine?.close();
    rmSync(indexDir, { recursive: true, force: true });
    rmSync(reportsDir, { recursive: true, force: true });
  });

  it('documents every route it serves', () => {
    expect(servedRoutes(app)).toEqual(expect.arrayContaining(['POST /api/ask', 'GET /api/documents/{id}', 'POST /v1/chat/completions', 'POST /wechat/mp', 'POST /wechat/work']));
    expect(missingFrom(document, app)).toEqual([]);
  });

  it('documents no route it does not serve', () => {
    const served = servedRoutes(app);
    expect(documentedRoutes(document).filter((route) => !served.includes(route))).toEqual([]);
  });

  it('describes requests and responses with the wire schemas the routes validate with', () => {
    const operation = (path: string, method: string) => (document.paths?.[path] as Record<string, unknown>)[method];
    const ask = operation('/api/ask', 'post') as { requestBody: { content: Record<string, { schema: { required?: string[] } }> }; responses: Record<string, { content?: Record<string, unknown> }> };
    expect(ask.requestBody.content['application/json']!.schema.required).toEqual(['question']);
    expect(Object.keys(ask.responses['200']!.content!)).toEqual(['application/json', 'text/event-stream']);
    const upload = operation('/api/documents', 'post') as { requestBody: { content: Record<string, unknown> } };
    expect(Object.keys(upload.requestBody.content)).toEqual(['multipart/form-data']);
  });
});
