// Maps any thrown error to an HTTP status and the {error: {code, message}} body users see.
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError as ApiErrorBody } from '@report-qa/schema';
import { LibraryStorageError } from '@report-qa/library';
import { ApiError } from './api-error.js';
import { libraryApiError } from './library-api-error.js';

/** Status and Chinese message for the stable codes of the packages' domain errors. */
const domainErrors: Record<string, { status: ContentfulStatusCode; message: string }> = {
  EMPTY_INPUT: { status: 422, message: '文件为空或只有空白，请上传包含正文的报告' },
  BINARY_INPUT: { status: 415, message: '文件不是文本，无法识别为报告；请上传 txt、md、html、docx 或带文字层的 pdf' },
  UNDECODABLE: { status: 422, message: '无法识别文件的文字编码，请转存为 UTF-8 或 GBK 后重试' },
  UNSUPPORTED_FORMAT: { status: 415, message: '不支持的文件类型；请上传 txt、md、html、docx 或带文字层的 pdf' },
  FILE_TOO_LARGE: { status: 413, message: '文件过大' },
  UNSAFE_FILE: { status: 422, message: '文件结构异常（可能是压缩炸弹），已拒绝' },
  PDF_NO_TEXT: { status: 422, message: '该PDF没有文字层，请先进行文字识别' },
  UNREADABLE_FILE: { status: 422, message: '文件已损坏或无法读取，请检查后重新上传' },
  FILE_ENCRYPTED: { status: 422, message: '文件有密码保护，请去除密码后重新上传' },
  TEXT_TOO_LONG: { status: 413, message: '文件中的文字超过每份报告的上限，已拒绝处理' },
  EXTRACTION_LIMIT: { status: 422, message: '文件解析超出时间或内存上限，已停止处理' },
  // The index was damaged while serving: nothing the client can fix; the operator runs the repair.
  SQLITE_CORRUPT: { status: 503, message: '报告库索引已损坏，暂时无法使用；请联系管理员停止服务并运行 report-qa repair' },
  SQLITE_NOTADB: { status: 503, message: '报告库索引已损坏，暂时无法使用；请联系管理员停止服务并运行 report-qa repair' },
  INDEX_CORRUPT: { status: 503, message: '报告库索引已损坏，暂时无法使用；请联系管理员停止服务并运行 report-qa repair' },
  EMBEDDING_UNAVAILABLE: { status: 503, message: '向量模型不可用，请检查模型目录配置' },
  EMBEDDING_MODEL_MISMATCH: { status: 409, message: '索引由另一个向量模型构建，请运行 report-qa ingest 重建索引' },
  INDEX_READ_ONLY: { status: 409, message: '索引以只读方式打开，不能写入' },
  // The answer queue is past its bound (a gated answerer); the HTTP routes answer this in middleware/shed-load.ts.
  OVERLOADED: { status: 503, message: '当前提问较多，服务繁忙，请稍后再试' },
  // The client went away; nobody reads this answer, and it is no server fault.
  ABORTED: { status: 499 as ContentfulStatusCode, message: '请求已取消' },
};

const httpMessages: Record<number, { code: string; message: string }> = {
  400: { code: 'BAD_REQUEST', message: '请求格式不正确' },
  401: { code: 'UNAUTHORIZED', message: '需要有效的 API 密钥（Authorization: Bearer <key>）' },
  403: { code: 'FORBIDDEN', message: '无权访问' },
  404: { code: 'NOT_FOUND', message: '请求的资源不存在' },
  405: { code: 'METHOD_NOT_ALLOWED', message: '不支持该请求方法' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: '请求体过大' },
  // OpenAPIHono refuses a body whose content type its route does not declare (requireJsonBody answers most of these first).
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求体类型，请设置 Content-Type: application/json' },
  429: { code: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' },
  503: { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后再试' },
  504: { code: 'TIMEOUT', message: '处理超时，请稍后再试或缩小问题范围' },
};

export function toUserError(error: unknown, requestId?: string): { status: ContentfulStatusCode; body: ApiErrorBody } {
  const withId = (status: ContentfulStatusCode, code: string, message: string, issues?: ApiErrorBody['error']['issues']) => ({
    status,
    body: { error: { code, message, ...(issues ? { issues } : {}), ...(requestId ? { requestId } : {}) } },
  });
  if (error instanceof LibraryStorageError) return toUserError(libraryApiError(error), requestId);
  if (error instanceof ApiError) return withId(error.status, error.code, error.message, error.issues);
  if (error instanceof HTTPException) {
    const known = httpMessages[error.status] ?? { code: 'HTTP_ERROR', message: '请求失败' };
    return withId(error.status as ContentfulStatusCode, known.code, known.message);
  }
  if (error instanceof Error) {
    const raw = (error as { code?: unknown }).code;
    const code = typeof raw === 'string' ? raw.toUpperCase() : '';
    const userMessage = (error as { userMessage?: unknown }).userMessage;
    if (code in domainErrors) {
      const known = domainErrors[code]!;
      return withId(known.status, code, typeof userMessage === 'string' ? userMessage : known.message);
    }
  }
  return withId(500, 'INTERNAL_ERROR', '服务器内部错误，请稍后再试');
}

/** OpenAI clients expect {error: {message, type, code, param}} on /v1; everything else gets our shape. */
export function errorBodyForPath(path: string, status: number, body: ApiErrorBody): object {
  if (!path.startsWith('/v1/')) return body;
  const type = status === 429 ? 'rate_limit_error' : status >= 500 ? 'server_error' : 'invalid_request_error';
  return { error: { message: body.error.message, type, code: body.error.code, param: null } };
}
