// The library's storage errors as HTTP answers: the status, stable code and message users see, without server paths.
import type { LibraryStorageError, LibraryStorageProblem } from '@report-qa/library';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ApiError } from './api-error.js';

const responses: Record<LibraryStorageProblem, { status: ContentfulStatusCode; code: string; message: string }> = {
  full: { status: 507, code: 'STORAGE_FULL', message: '服务器磁盘空间不足，报告未能保存，报告库保持原样；请联系管理员清理磁盘后重试' },
  'not-writable': { status: 503, code: 'STORAGE_NOT_WRITABLE', message: '服务器的报告库目录不可写（权限不足或只读），报告未能保存，报告库保持原样；请联系管理员' },
  // The same answer as a damage found while serving (to-user-error.ts): the operator stops the server and repairs.
  'index-corrupt': { status: 503, code: 'INDEX_CORRUPT', message: '报告库索引已损坏，暂时无法使用；请联系管理员停止服务并运行 report-qa repair' },
};

export function libraryApiError(error: LibraryStorageError): ApiError {
  const { status, code, message } = responses[error.kind];
  return new ApiError(status, code, message, undefined, { cause: error });
}
