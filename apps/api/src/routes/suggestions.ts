// POST /api/suggestions: two or three next questions after an answer, each asked first and kept only when the reports answer it.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { suggestQuestions, type Answerer } from '@report-qa/answer';
import type { QueryLog } from '@report-qa/feedback';
import { parseReport, type Section } from '@report-qa/parser';
import { suggestionsRequestSchema, suggestionsResponseSchema, type SuggestionsResponse } from '@report-qa/schema';
import { ApiError } from '../middleware/api-error.js';
import type { Library } from '@report-qa/library';
import { requireJsonBody } from '../middleware/require-json-body.js';
import { errorResponse, jsonBodyErrors } from './openapi-responses.js';
import { validationHook } from './validation-hook.js';

const WANTED = 3;
const MAX_CHECKS = 6;

const suggestionsRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['问答'],
  summary: '某个回答之后的 2–3 个推荐问题（取自所引报告的其他地区、年份或相邻章节，均已确认能够回答）',
  middleware: [requireJsonBody()],
  request: { body: { required: true, content: { 'application/json': { schema: suggestionsRequestSchema } } } },
  responses: {
    200: { description: '推荐问题', content: { 'application/json': { schema: suggestionsResponseSchema } } },
    404: errorResponse('回答不存在'),
    ...jsonBodyErrors,
    503: errorResponse('提问过多（code OVERLOADED）'),
  },
});

export function createSuggestionRoutes({ log, library, answerer }: { log: QueryLog; library: Library; answerer: Answerer }) {
  // Sections of a report, parsed once per content.
  const sections = new Map<string, Section[]>();
  const sectionsOf = (docId: string): Section[] | null => {
    const document = library.searcher.getDocument(docId);
    if (!document) return null;
    const key = `${docId}:${document.contentHash}`;
    let found = sections.get(key);
    if (!found) {
      try {
        found = parseReport(document.original, { source: document.source }).sections;
      } catch {
        return null;
      }
      if (sections.size > 50) sections.clear();
      sections.set(key, found);
    }
    return found;
  };

  return new OpenAPIHono({ defaultHook: validationHook }).openapi(suggestionsRoute, async (c) => {
    const record = await log.get(c.req.valid('json').answerId);
    if (!record) throw new ApiError(404, 'ANSWER_NOT_FOUND', '找不到该回答：它可能已超过保存期限被删除');
    const candidates = record.notFound
      ? []
      : suggestQuestions({
          question: record.rewrittenQuestion || record.question,
          citations: record.citations,
          documents: library.searcher.documents().map((document) => ({ id: document.id, region: document.metadata.region, year: document.metadata.year })),
          sectionsOf,
        });
    const suggestions: string[] = [];
    for (const question of candidates.slice(0, MAX_CHECKS)) {
      if (suggestions.length >= WANTED || c.req.raw.signal.aborted) break;
      // The extractive answer decides quickly and offline whether the reports hold an answer.
      const result = await answerer.ask({ question, mode: 'extractive', signal: c.req.raw.signal });
      if (!result.notFound && result.citations.length > 0) suggestions.push(question);
    }
    const body: SuggestionsResponse = { suggestions };
    return c.json(body, 200);
  });
}
