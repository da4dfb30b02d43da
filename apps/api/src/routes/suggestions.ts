// POST /api/suggestions: two or three next questions after an answer, each asked first and kept only when the reports answer it.
import { Hono } from 'hono';
import type { Answerer } from '@report-qa/answer';
import type { QueryLog } from '@report-qa/feedback';
import { parseReport, type Section } from '@report-qa/parser';
import { suggestionsRequestSchema, type SuggestionsResponse } from '@report-qa/schema';
import { ApiError } from '../api-error.js';
import type { Library } from '@report-qa/library';
import { validateJson } from '../middleware/validate-json.js';
import { suggestQuestions } from '../suggest-questions.js';

const WANTED = 3;
const MAX_CHECKS = 6;

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

  return new Hono().post('/', validateJson(suggestionsRequestSchema), async (c) => {
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
    return c.json(body);
  });
}
