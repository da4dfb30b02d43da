// POST /api/feedback: 👍/👎 on an answer given earlier, with an optional comment.
import { Hono } from 'hono';
import type { QueryLog } from '@report-qa/feedback';
import { feedbackRequestSchema, type FeedbackResponse } from '@report-qa/schema';
import { ApiError } from '../api-error.js';
import { validateJson } from '../middleware/validate-json.js';

export function createFeedbackRoutes({ log }: { log: QueryLog }) {
  return new Hono().post('/', validateJson(feedbackRequestSchema), async (c) => {
    const { answerId, rating, comment } = c.req.valid('json');
    const rated = await log.rate(answerId, { rating, comment: comment || null });
    if (!rated) throw new ApiError(404, 'ANSWER_NOT_FOUND', '找不到要评价的回答：它可能已超过保存期限被删除');
    const body: FeedbackResponse = { answerId: rated.id, rating, comment: rated.comment };
    return c.json(body, 201);
  });
}
