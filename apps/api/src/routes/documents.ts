// /api/documents: the report library — list, read with full text, upload, delete, reindex.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { DocumentDetail } from '@report-qa/schema';
import type { AppConfig } from '../config.js';
import { ApiError } from '../api-error.js';
import type { Library, UploadedFile } from '@report-qa/library';
import { discardBody } from '../middleware/discard-body.js';
import { requireKey } from '../middleware/require-key.js';
import { toDocumentSummary } from './to-wire.js';

const MAX_FILES_PER_UPLOAD = 20;

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

  return new Hono()
    .get('/', (c) => c.json(library.searcher.documents().map(toDocumentSummary)))
    .get('/:id', (c) => {
      const document = library.searcher.getDocument(c.req.param('id'));
      if (!document) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', `找不到编号为 ${c.req.param('id').slice(0, 64)} 的报告`);
      const body: DocumentDetail = { ...toDocumentSummary(document), original: document.original };
      return c.json(body);
    })
    .post('/', writeGuard, uploadLimit, async (c) => {
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
    .delete('/:id', writeGuard, async (c) => {
      if (!(await library.remove(c.req.param('id')))) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', '找不到要删除的报告');
      return c.json({ deleted: c.req.param('id') });
    })
    .post('/:id/reindex', writeGuard, async (c) => {
      const document = await library.reindex(c.req.param('id'));
      if (!document) throw new ApiError(404, 'DOCUMENT_NOT_FOUND', '找不到要重建索引的报告');
      return c.json(toDocumentSummary(document));
    });
}

function formatMegabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}
