// Recognises failed writes to the index or the uploads folder (disk full, no permission, read-only) and words them for people.
import { ApiError } from './api-error.js';

export type StorageProblem = 'full' | 'not-writable';

const FULL = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS', 'SQLITE_CANTOPEN', 'SQLITE_PERM', 'SQLITE_AUTH']);

/** 'full' or 'not-writable' when the error (or one of its causes) is a storage failure, else null. */
export function storageProblem(error: unknown): StorageProblem | null {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = String((current as { code?: unknown }).code ?? '');
    if (FULL.has(code) || /database or disk is full|no space left/i.test(current.message)) return 'full';
    if (NOT_WRITABLE.has(code) || code.startsWith('SQLITE_READONLY') || /readonly database|read-only file system|permission denied/i.test(current.message)) {
      return 'not-writable';
    }
  }
  return null;
}

const problemText: Record<StorageProblem, string> = {
  full: '磁盘空间不足',
  'not-writable': '没有写入权限或文件系统只读',
};

/** For the CLI and start-up: names the folder, so whoever runs it knows what to fix. */
export function describeStorageFailure(error: unknown, dir: string, action: string): Error | null {
  const problem = storageProblem(error);
  if (!problem) return null;
  const detail = error instanceof Error ? error.message : String(error);
  return new Error(`${action}失败：索引目录 ${dir} ${problemText[problem]}（${detail}）。索引保持原样，请处理后重试`, { cause: error });
}

/** For HTTP: the library is unchanged and the reason, without server paths. */
export function storageApiError(error: unknown): ApiError | null {
  const problem = storageProblem(error);
  if (problem === 'full') return new ApiError(507, 'STORAGE_FULL', '服务器磁盘空间不足，报告未能保存，报告库保持原样；请联系管理员清理磁盘后重试', undefined, { cause: error });
  if (problem === 'not-writable') {
    return new ApiError(503, 'STORAGE_NOT_WRITABLE', '服务器的报告库目录不可写（权限不足或只读），报告未能保存，报告库保持原样；请联系管理员', undefined, { cause: error });
  }
  return null;
}
