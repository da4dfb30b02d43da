// POST /api/search: hybrid retrieval over the report passages.
import { Hono } from 'hono';
import { searchRequestSchema, type SearchResponse } from '@report-qa/schema';
import type { Library } from '@report-qa/library';
import { validateJson } from '../middleware/validate-json.js';
import { toSearchResultWire } from './to-wire.js';

export function createSearchRoutes({ library }: { library: Library }) {
  return new Hono().post('/', validateJson(searchRequestSchema), async (c) => {
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
    return c.json(body);
  });
}
