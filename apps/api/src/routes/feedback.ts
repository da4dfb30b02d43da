// POST /api/feedback: 👍/👎 on an answer given earlier, with an optional comment.
import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import type { QueryLog } from '@report-qa/feedback';
import { feedbackRequestSchema, feedbackResponseSchema, type FeedbackResponse } from '@report-qa/schema';
import { ApiError } from '../middleware/api-error.js';
import { requireJsonBody } from '../middleware/require-json-body.js';
import { errorResponse, jsonBodyErrors } from './openapi-responses.js';
import { validationHook } from './validation-hook.js';

const feedbackRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['问答'],
  summary: '评价一个回答（👍 up / 👎 down，可附说明）；answerId 为 /api/ask 返回的 id',
  middleware: [requireJsonBody()],
  request: { body: { required: true, content: { 'application/json': { schema: feedbackRequestSchema } } } },
  responses: {
    201: { description: '已记录', content: { 'application/json': { schema: feedbackResponseSchema } } },
    404: errorResponse('回答不存在或已过保存期限'),
    ...jsonBodyErrors,
  },
});

export function createFeedbackRoutes({ log }: { log: QueryLog }) {
  return new OpenAPIHono({ defaultHook: validationHook }).openapi(feedbackRoute, async (c) => {
    const { answerId, rating, comment } = c.req.valid('json');
    const rated = await log.rate(answerId, { rating, comment: comment || null });
    if (!rated) throw new ApiError(404, 'ANSWER_NOT_FOUND', '找不到要评价的回答：它可能已超过保存期限被删除');
    const body: FeedbackResponse = { answerId: rated.id, rating, comment: rated.comment };
    return c.json(body, 201);
  });
}
