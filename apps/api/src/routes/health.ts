// GET /api/health: what the system is running on, for people and monitors.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { healthSchema, type Health } from '@report-qa/schema';
import type { AnswerGate, Library } from '@report-qa/library';
import type { AppConfig } from '../config/config.js';

const healthRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['服务'],
  summary: '服务状态',
  responses: { 200: { description: '状态', content: { 'application/json': { schema: healthSchema } } } },
});

export function createHealthRoutes({ library, config, gate }: { library: Library; config: AppConfig; gate: AnswerGate }) {
  return new OpenAPIHono().openapi(healthRoute, (c) => {
    const status = library.status();
    const body: Health = {
      status: status.warnings.length === 0 ? 'ok' : 'degraded',
      documents: status.documents,
      passages: status.passages,
      embeddings: status.embeddings,
      llm: { configured: config.llm !== null, model: config.llm?.model ?? null },
      warnings: status.warnings,
      // Answers in progress and the wait a new one faces; past maxWaitMs new answers get 503 (this process).
      queue: gate.stats(),
    };
    return c.json(body, 200);
  });
}
