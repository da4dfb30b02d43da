// GET /api/openapi.json, generated from the routes' own definitions, and interactive docs at /api/docs, served locally (no CDN: intranets have none).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyResponse, errorResponse } from './openapi-responses.js';

const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const info = {
  title: 'report-qa API',
  version: '0.1.0',
  description: '基于政府工作报告的问答：每个答案都附有报告原文的精确引文。',
};

/** The OpenAPI 3.1 document of an app: every route defined with createRoute in it or in the OpenAPIHono apps mounted in it. */
export function buildOpenApiDocument(app: Pick<OpenAPIHono, 'getOpenAPI31Document'>) {
  return app.getOpenAPI31Document({ openapi: '3.1.0', info });
}

const tags = ['文档'];
const documentRoute = createRoute({
  method: 'get',
  path: '/openapi.json',
  tags,
  summary: '本文档（OpenAPI 3.1，由各接口的定义生成）',
  responses: { 200: bodyResponse('OpenAPI 文档', 'application/json', z.looseObject({})) },
});
const pageRoute = createRoute({ method: 'get', path: '/docs', tags, summary: '交互式接口文档（Swagger UI）', responses: { 200: bodyResponse('网页', 'text/html') } });
const initRoute = createRoute({ method: 'get', path: '/docs/init.js', tags, summary: '交互式文档的启动脚本', responses: { 200: bodyResponse('脚本', 'text/javascript') } });
const assetRoute = createRoute({
  method: 'get',
  path: '/docs/{asset}',
  tags,
  summary: `Swagger UI 的文件（${Object.keys(assets).join('、')}），随服务提供，不用 CDN`,
  request: { params: z.object({ asset: z.string() }) },
  responses: {
    200: { description: '文件', content: { 'text/css': { schema: z.string() }, 'text/javascript': { schema: z.string() } } },
    404: errorResponse('没有这个文件'),
  },
});

const page = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>report-qa API 文档</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs' });`;

/** `document` gives the app's OpenAPI document; it is asked once, at the first request, when every route is mounted. */
export function createDocsRoutes({ document }: { document: () => object }) {
  let built: object | undefined;
  const app = new OpenAPIHono();
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  return app
    .openapi(documentRoute, (c) => c.json((built ??= document()), 200))
    .openapi(pageRoute, (c) => c.html(page))
    .openapi(initRoute, (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .openapi(assetRoute, async (c) => {
      const type = assets[c.req.param('asset')];
      if (!type) return c.notFound();
      const body = await readFile(join(swaggerDir, c.req.param('asset')));
      return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
}
