// GET /api/openapi.json and interactive docs at /api/docs, served locally (no CDN: intranets have none).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import { z } from 'zod';
import * as wire from '@report-qa/schema';

const require = createRequire(import.meta.url);
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'));
const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

const schema = (type: z.ZodType) => z.toJSONSchema(type, { io: 'input', unrepresentable: 'any' });
const json = (type: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema: schema(type) } } });
const errors = {
  '400': json(wire.apiErrorSchema, '请求参数有误'),
  '413': json(wire.apiErrorSchema, '请求体过大'),
  '429': json(wire.apiErrorSchema, '请求过于频繁'),
};

// ?region=…&year=…, each repeatable.
const indicatorFilters = [
  { name: 'region', in: 'query', required: false, schema: { type: 'array', items: { type: 'string' } }, style: 'form', explode: true },
  { name: 'year', in: 'query', required: false, schema: { type: 'array', items: { type: 'integer' } }, style: 'form', explode: true },
];

export function buildOpenApiDocument(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'report-qa API',
      version: '0.1.0',
      description: '基于政府工作报告的问答：每个答案都附有报告原文的精确引文。',
    },
    paths: {
      '/api/health': { get: { summary: '服务状态', responses: { '200': json(wire.healthSchema, '状态') } } },
      '/api/search': {
        post: {
          summary: '混合检索报告段落',
          requestBody: { required: true, content: { 'application/json': { schema: schema(wire.searchRequestSchema) } } },
          responses: { '200': json(wire.searchResponseSchema, '检索结果'), ...errors },
        },
      },
      '/api/ask': {
        post: {
          summary: '提问，返回带引文的答案（Accept: text/event-stream 时以 SSE 流式返回：citations、meta、delta…、done；已显示的大模型回答中断或未通过核对时，先发 replace（notice、mode、citations），其后的 delta 为替换后的完整回答）',
          requestBody: { required: true, content: { 'application/json': { schema: schema(wire.askRequestSchema) } } },
          responses: { '200': json(wire.askResponseSchema, '答案'), ...errors, '503': json(wire.apiErrorSchema, '提问过多（code OVERLOADED，Retry-After 头给出等待秒数）') },
        },
      },
      '/api/documents': {
        get: { summary: '报告列表', responses: { '200': json(z.array(wire.documentSummarySchema), '报告') } },
        post: {
          summary: '上传报告（multipart/form-data，字段 files；txt、md、html、docx、pdf）',
          security: [{ bearer: [] }],
          responses: {
            '201': { description: '已添加' },
            '401': json(wire.apiErrorSchema, '缺少或错误的 API 密钥'),
            '413': json(wire.apiErrorSchema, '文件过大（FILE_TOO_LARGE），或文字超过每份报告的上限 MAX_REPORT_CHARACTERS（TEXT_TOO_LONG）'),
            '415': json(wire.apiErrorSchema, '不支持的文件类型'),
            '422': json(wire.apiErrorSchema, '文件无法读取：损坏、加密、压缩炸弹（UNSAFE_FILE）、无文字层的 PDF，或解析超出时间或内存上限（EXTRACTION_LIMIT）'),
          },
        },
      },
      '/api/indicators': {
        get: {
          summary: '指标表：每份报告一行，每项指标（默认 12 项，可由 INDICATORS_FILE 自定义）一个数值及其原文引文，报告未提及为 null',
          parameters: indicatorFilters,
          responses: { '200': json(wire.indicatorsResponseSchema, '指标表'), '400': errors['400'] },
        },
      },
      '/api/indicators.csv': {
        get: { summary: '指标表 CSV（UTF-8 带 BOM；每项指标一列数值、一列原文）', parameters: indicatorFilters, responses: { '200': { description: 'CSV', content: { 'text/csv': {} } } } },
      },
      '/api/indicators.xlsx': {
        get: {
          summary: '指标表 Excel（工作表「指标」为数值，「原文」为引文）',
          parameters: indicatorFilters,
          responses: { '200': { description: 'XLSX', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } } },
        },
      },
      '/api/documents/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: '报告元数据与全文', responses: { '200': json(wire.documentDetailSchema, '报告'), '404': json(wire.apiErrorSchema, '不存在') } },
        delete: { summary: '删除报告', security: [{ bearer: [] }], responses: { '200': { description: '已删除' }, '404': json(wire.apiErrorSchema, '不存在') } },
      },
      '/api/documents/{id}/reindex': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        post: { summary: '重建该报告的索引', security: [{ bearer: [] }], responses: { '200': json(wire.documentSummarySchema, '报告') } },
      },
      '/api/feedback': {
        post: {
          summary: '评价一个回答（👍 up / 👎 down，可附说明）；answerId 为 /api/ask 返回的 id',
          requestBody: { required: true, content: { 'application/json': { schema: schema(wire.feedbackRequestSchema) } } },
          responses: { '201': json(wire.feedbackResponseSchema, '已记录'), '404': json(wire.apiErrorSchema, '回答不存在或已过保存期限'), ...errors },
        },
      },
      '/api/suggestions': {
        post: {
          summary: '某个回答之后的 2–3 个推荐问题（取自所引报告的其他地区、年份或相邻章节，均已确认能够回答）',
          requestBody: { required: true, content: { 'application/json': { schema: schema(wire.suggestionsRequestSchema) } } },
          responses: { '200': json(wire.suggestionsResponseSchema, '推荐问题'), '404': json(wire.apiErrorSchema, '回答不存在'), ...errors },
        },
      },
      '/api/answers': {
        get: {
          summary: '问答记录（需 API 密钥）：按评价、未找到、渠道、时间筛选，分页（limit、offset），新的在前',
          security: [{ bearer: [] }],
          parameters: ['rating', 'notFound', 'channel', 'since', 'until', 'limit', 'offset'].map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } })),
          responses: { '200': json(wire.answersPageSchema, '一页记录'), '401': json(wire.apiErrorSchema, '缺少或错误的 API 密钥'), '403': json(wire.apiErrorSchema, '未配置 API_KEYS') },
        },
      },
      '/api/answers/export': {
        get: {
          summary: '导出问答记录为评测集 JSON Lines（与 ../shared/eval 的格式相同，must_include 需人工补充；需 API 密钥，筛选参数同上）',
          security: [{ bearer: [] }],
          responses: { '200': { description: 'application/x-ndjson' }, '401': json(wire.apiErrorSchema, '缺少或错误的 API 密钥') },
        },
      },
      '/api/answers/{id}': {
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: '一条问答记录（需 API 密钥）', security: [{ bearer: [] }], responses: { '200': json(wire.loggedAnswerSchema, '记录'), '404': json(wire.apiErrorSchema, '不存在') } },
      },
      '/v1/chat/completions': { post: { summary: 'OpenAI 兼容的对话接口（供微信机器人框架调用）', responses: { '200': { description: 'chat.completion' } } } },
      '/v1/models': { get: { summary: 'OpenAI 兼容的模型列表', responses: { '200': { description: '模型' } } } },
    },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
  };
}

const page = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>report-qa API 文档</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css"></head>
<body><div id="docs"></div><script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const init = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#docs' });`;

export function createDocsRoutes(): Hono {
  const document = buildOpenApiDocument();
  return new Hono()
    .get('/openapi.json', (c) => c.json(document))
    .get('/docs', (c) => c.html(page))
    .get('/docs/init.js', (c) => c.body(init, 200, { 'content-type': 'text/javascript; charset=utf-8' }))
    .get('/docs/:asset', async (c) => {
      const type = assets[c.req.param('asset')];
      if (!type) return c.notFound();
      const body = await readFile(join(swaggerDir, c.req.param('asset')));
      return c.body(body, 200, { 'content-type': type, 'cache-control': 'public, max-age=86400' });
    });
}
