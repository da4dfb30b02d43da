// POST /api/search: hybrid retrieval over the report passages.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { searchRequestSchema, searchResponseSchema, type SearchResponse } from '@report-qa/schema';
import type { Library } from '@report-qa/library';
import { requireJsonBody } from '../middleware/require-json-body.js';
import { toSearchResultWire } from './to-wire.js';
import { errorResponse, jsonBodyErrors } from './openapi-responses.js';
import { validationHook } from './validation-hook.js';

const searchRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['问答'],
  summary: '混合检索报告段落',
  middleware: [requireJsonBody()],
  request: { body: { required: true, content: { 'application/json': { schema: searchRequestSchema } } } },
  responses: {
    200: { description: '检索结果', content: { 'application/json': { schema: searchResponseSchema } } },
    ...jsonBodyErrors,
    504: errorResponse('处理超时'),
  },
});

export function createSearchRoutes({ library }: { library: Library }) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(searchRoute, async (c) => {
    const request = c.req.valid('json');
    const response = await library.searcher.search(request.query, {
      topK: request.topK ?? 10,
      filters: request.filters,
      ...(request.mode ? { mode: request.mode } : {}),
    });
    const body: SearchResponse = {
      results: response.results.map(toSearchResultWire),
      scope: response.scope,
      mode: response.mode,
    };
    return c.json(body, 200);
  });
}
