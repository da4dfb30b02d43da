// GET /api/answers (the query log, filtered and paginated) and /api/answers/export (JSON lines for evaluation); both need a key.
import { Hono, type MiddlewareHandler } from 'hono';
import { toEvalCase, type AnswerRecord, type QueryLog } from '@report-qa/feedback';
import { answersQuerySchema, type AnswersPage, type LoggedAnswer } from '@report-qa/schema';
import { ApiError } from '../api-error.js';
import { bearerKey, isValidKey } from '../middleware/require-key.js';

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

function parseQuery(query: Record<string, string>) {
  const parsed = answersQuerySchema.safeParse(query);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(query)', message: issue.message }));
    throw new ApiError(400, 'VALIDATION_ERROR', `查询参数有误：${issues[0]!.path} ${issues[0]!.message}`, issues);
  }
  return parsed.data;
}

/** The record without the identifier hashes, which reviewers do not need. */
function toLoggedAnswer({ userHash: _user, clientHash: _client, ...record }: AnswerRecord): LoggedAnswer {
  return record as LoggedAnswer;
}

export function createAnswerRoutes({ log, apiKeys }: { log: QueryLog; apiKeys: string[] }) {
  return new Hono()
    .use(requireReviewKey(apiKeys))
    .get('/', async (c) => {
      const query = parseQuery(c.req.query());
      const page = await log.list(query);
      const body: AnswersPage = { answers: page.answers.map(toLoggedAnswer), total: page.total, limit: query.limit, offset: query.offset };
      return c.json(body);
    })
    .get('/export', async (c) => {
      const { limit: _limit, offset: _offset, ...filters } = parseQuery(c.req.query());
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
    .get('/:id', async (c) => {
      const record = await log.get(c.req.param('id'));
      if (!record) throw new ApiError(404, 'ANSWER_NOT_FOUND', '找不到该回答：它可能已超过保存期限被删除');
      return c.json(toLoggedAnswer(record));
    });
}
