// /api/documents: the report library — list, read with full text, upload, delete, reindex.
import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { deletedDocumentSchema, documentDetailSchema, documentSummarySchema, uploadResponseSchema, type DocumentDetail } from '@report-qa/schema';
import type { AppConfig } from '../config/config.js';
import { ApiError } from '../middleware/api-error.js';
import type { Library, UploadedFile } from '@report-qa/library';
import { discardBody } from '../middleware/discard-body.js';
import { requireKey } from '../middleware/require-key.js';
import { errorResponse, jsonResponse } from './openapi-responses.js';
import { toDocumentSummary } from './to-wire.js';
import { validationHook } from './validation-hook.js';

const MAX_FILES_PER_UPLOAD = 20;

const idParam = z.object({ id: z.string() });
const writeErrors = {
  401: errorResponse('缺少或错误的 API 密钥'),
  403: errorResponse('未配置 API 密钥时只接受本机、本应用页面发出的修改（WRITE_DISABLED、CROSS_SITE_WRITE）'),
};
const notFound = { 404: errorResponse('不存在') };

export function createDocumentRoutes({ library, config }: { library: Library; config: AppConfig }) {
  const writeGuard = requireKey({ keys: config.apiKeys, allowLoopbackWithoutKeys: true, allowedHosts: config.allowedHosts });
  const uploadLimit = bodyLimit({
    maxSize: config.maxUploadBytes * 2 + 64 * 1024,
    onError: async (c) => {
      // Read the refused upload to its end (bounded) so the client receives this answer rather than a reset connection.
      await discardBody(c.req.raw, config.maxUploadBytes * 4 + 1024 * 1024);
      throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `上传内容过大：单个文件不超过 ${formatMegabytes(config.maxUploadBytes)}`);
    },
  });

  const listRoute = createRoute({
    method: 'get',
    path: '/',
    tags: ['报告'],
    summary: '报告列表',
    responses: { 200: jsonResponse(z.array(documentSummarySchema), '报告') },
  });
  const documentRoute = createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['报告'],
    summary: '报告元数据与全文',
    request: { params: idParam },
    responses: { 200: jsonResponse(documentDetailSchema, '报告'), ...notFound },
  });
  const uploadRoute = createRoute({
    method: 'post',
    path: '/',
    tags: ['报告'],
    summary: '上传报告（multipart/form-data，字段 files；txt、md、html、docx、pdf）',
    security: [{ bearer: [] }],
    middleware: [writeGuard, uploadLimit] as const,
    request: {
      body: {
        required: true,
        content: {
          'multipart/form-data': {
            // Described, not validated here: the handler reads the form itself, to answer a broken one with its own error.
            schema: { type: 'object', properties: { files: { type: 'array', items: { type: 'string', format: 'binary' }, maxItems: MAX_FILES_PER_UPLOAD } }, required: ['files'] },
          },
        },
      },
    },
    responses: {
      201: jsonResponse(uploadResponseSchema, '至少一份报告已添加'),
      200: jsonResponse(uploadResponseSchema, '每份报告都已在库中（内容相同）'),
      400: errorResponse('没有文件、文件过多或表单损坏（NO_FILES、TOO_MANY_FILES、INVALID_MULTIPART）'),
      ...writeErrors,
      413: errorResponse('文件过大（FILE_TOO_LARGE），或文字超过每份报告的上限 MAX_REPORT_CHARACTERS（TEXT_TOO_LONG）'),
      415: errorResponse('不支持的文件类型，或请求不是 multipart/form-data'),
      422: errorResponse('文件无法读取：损坏、加密、压缩炸弹（UNSAFE_FILE）、无文字层的 PDF，或解析超出时间或内存上限（EXTRACTION_LIMIT）'),
    },
  });
  const deleteRoute = createRoute({
    method: 'delete',
    path: '/{id}',
    tags: ['报告'],
    summary: '删除报告',
    security: [{ bearer: [] }],
    middleware: [writeGuard] as const,
    request: { params: idParam },
    responses: { 200: jsonResponse(deletedDocumentSchema, '已删除'), ...writeErrors, ...notFound },
  });
  const reindexRoute = createRoute({
    method: 'post',
    path: '/{id}/reindex',
    tags: ['报告'],
    summary: '重建该报告的索引',
    security: [{ bearer: [] }],
    middleware: [writeGuard] as const,
    request: { params: idParam },
    responses: { 200: jsonResponse(documentSummarySchema, '报告'), ...writeErrors, ...notFound },
  });

  return new OpenAPIHono({ defaultHook: validationHook })
    .openapi(listRoute, (c) => c.json(library.searcher.documents().map(toDocumentSummary), 200))
    .openapi(documentRoute, (c) => {
      const { id } = c.req.valid('param');
      const document = library.searcher.getDocument(id);
      if (!document) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', `找不到编号为 ${id.slice(0, 64)} 的报告`);
      const body: DocumentDetail = { ...toDocumentSummary(document), original: document.original };
      return c.json(body, 200);
    })
    .openapi(uploadRoute, async (c) => {
      const contentType = c.req.header('content-type') ?? '';
      if (!contentType.startsWith('multipart/form-data')) {
        throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件，字段名为 files');
      }
      let form: Awaited<ReturnType<typeof c.req.parseBody>>;
      try {
        form = await c.req.parseBody({ all: true });
      } catch (error) {
        // A body that does not follow its own multipart boundary is the client's fault, not a server error.
        throw new ApiError(400, 'INVALID_MULTIPART', '上传内容不是有效的 multipart/form-data（分隔符缺失或格式损坏）：请用表单字段 files 上传文件，例如 curl -F files=@报告.pdf', undefined, { cause: error });
      }
      const entries = [form['files'], form['file']].flat().filter((value): value is File => value instanceof File);
      if (entries.length === 0) throw new ApiError(400, 'NO_FILES', '没有收到文件：请在字段 files 中上传一个或多个文件');
      if (entries.length > MAX_FILES_PER_UPLOAD) throw new ApiError(400, 'TOO_MANY_FILES', `一次最多上传 ${MAX_FILES_PER_UPLOAD} 个文件`);
      const files: UploadedFile[] = [];
      for (const entry of entries) {
        if (entry.size > config.maxUploadBytes) {
          throw new ApiError(413, 'FILE_TOO_LARGE', `文件「${entry.name.slice(0, 80)}」过大：上限 ${formatMegabytes(config.maxUploadBytes)}`);
        }
        files.push({ name: entry.name, bytes: new Uint8Array(await entry.arrayBuffer()) });
      }
      const outcomes = await library.upload(files);
      const status = outcomes.some((outcome) => outcome.status === 'added') ? 201 : 200;
      return c.json(
        { documents: outcomes.map((outcome) => ({ status: outcome.status, source: outcome.source, document: toDocumentSummary(outcome.document) })) },
        status,
      );
    })
    .openapi(deleteRoute, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await library.remove(id))) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', '找不到要删除的报告');
      return c.json({ deleted: id }, 200);
    })
    .openapi(reindexRoute, async (c) => {
      const document = await library.reindex(c.req.valid('param').id);
      if (!document) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', '找不到要重建索引的报告');
      return c.json(toDocumentSummary(document), 200);
    });
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
