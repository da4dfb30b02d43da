// GET /api/answers (the query log, filtered and paginated) and /api/answers/export (JSON lines for evaluation); both need a key.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { toEvalCase, type AnswerRecord, type QueryLog } from '@report-qa/feedback';
import { answersPageSchema, answersQuerySchema, loggedAnswerSchema, type AnswersPage, type LoggedAnswer } from '@report-qa/schema';
import { ApiError } from '../middleware/api-error.js';
import { bearerKey, isValidKey } from '../middleware/require-key.js';
import { bodyResponse, errorResponse } from './openapi-responses.js';
import { firstValues } from './query-schema.js';
import { validationHook } from './validation-hook.js';

const EXPORT_PAGE = 200;
const EXPORT_MAX = 10_000;

/** The log holds what people asked: only a configured key opens it, loopback included. */
function requireReviewKey(keys: string[]): MiddlewareHandler {
  return async (c, next) => {
    if (keys.length === 0) throw new ApiError(403, 'REVIEW_DISABLED', '未配置 API 密钥（API_KEYS），无法查看问答记录');
    if (!isValidKey(bearerKey(c.req.header('authorization')), keys)) {
      throw new ApiError(401, 'UNAUTHORIZED', '需要有效的 API 密钥：请在请求头中提供 Authorization: Bearer <key>');
    }
    await next();
  };
}

// A repeated key counts once, with its first value.
const answersQuery = firstValues(answersQuerySchema);
const reviewErrors = {
  400: errorResponse('查询参数有误'),
  401: errorResponse('缺少或错误的 API 密钥'),
  403: errorResponse('未配置 API_KEYS'),
};

const listRoute = createRoute({
  method: 'get',
  path: '/',
  tags: ['问答记录'],
  summary: '问答记录（需 API 密钥）：按评价、未找到、渠道、时间筛选，分页（limit、offset），新的在前',
  security: [{ bearer: [] }],
  request: { query: answersQuery },
  responses: { 200: { description: '一页记录', content: { 'application/json': { schema: answersPageSchema } } }, ...reviewErrors },
});

const exportRoute = createRoute({
  method: 'get',
  path: '/export',
  tags: ['问答记录'],
  summary: '导出问答记录为评测集 JSON Lines（与 ../shared/eval 的格式相同，must_include 需人工补充；需 API 密钥，筛选参数同上，不分页）',
  security: [{ bearer: [] }],
  request: { query: answersQuery },
  responses: { 200: bodyResponse('每行一条评测用例（answers-日期.jsonl）', 'application/x-ndjson'), ...reviewErrors },
});

const answerRoute = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['问答记录'],
  summary: '一条问答记录（需 API 密钥）',
  security: [{ bearer: [] }],
  request: { params: z.object({ id: z.string() }) },
  responses: {
    200: { description: '记录', content: { 'application/json': { schema: loggedAnswerSchema } } },
    404: errorResponse('不存在或已过保存期限'),
    ...reviewErrors,
  },
});

/** The record without the identifier hashes, which reviewers do not need. */
function toLoggedAnswer({ userHash: _user, clientHash: _client, ...record }: AnswerRecord): LoggedAnswer {
  return record as LoggedAnswer;
}

export function createAnswerRoutes({ log, apiKeys }: { log: QueryLog; apiKeys: string[] }) {
  const app = new OpenAPIHono({ defaultHook: validationHook });
  app.use(requireReviewKey(apiKeys));
  return app
    .openapi(listRoute, async (c) => {
      const query = c.req.valid('query');
      const page = await log.list(query);
      const body: AnswersPage = { answers: page.answers.map(toLoggedAnswer), total: page.total, limit: query.limit, offset: query.offset };
      return c.json(body, 200);
    })
    .openapi(exportRoute, async (c) => {
      const { limit: _limit, offset: _offset, ...filters } = c.req.valid('query');
      const lines: string[] = [];
      for (let offset = 0; offset < EXPORT_MAX; offset += EXPORT_PAGE) {
        const page = await log.list({ ...filters, limit: EXPORT_PAGE, offset });
        for (const record of page.answers) lines.push(JSON.stringify(toEvalCase(record)));
        if (page.answers.length < EXPORT_PAGE) break;
      }
      const day = new Date().toISOString().slice(0, 10);
      return c.body(lines.map((line) => `${line}\n`).join(''), 200, {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="answers-${day}.jsonl"`,
      });
    })
    .openapi(answerRoute, async (c) => {
      const record = await log.get(c.req.valid('param').id);
      if (!record) throw new ApiError(404, 'ANSWER_NOT_FOUND', '找不到该回答：它可能已超过保存期限被删除');
      return c.json(toLoggedAnswer(record), 200);
    });
}
