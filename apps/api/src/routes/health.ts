// GET /api/health: what the system is running on, for people and monitors.
import { Hono } from 'hono';
import type { Health } from '@report-qa/schema';
import type { AppConfig } from '../config.js';
import type { Library } from '../library.js';

export function createHealthRoutes({ library, config }: { library: Library; config: AppConfig }) {
  return new Hono().get('/', (c) => {
    const status = library.status();
    const body: Health = {
      status: status.warnings.length === 0 ? 'ok' : 'degraded',
      documents: status.documents,
      passages: status.passages,
      embeddings: status.embeddings,
      llm: { configured: config.llm !== null, model: config.llm?.model ?? null },
      warnings: status.warnings,
    };
    return c.json(body);
  });
}
