// Recognises failed writes to the index or the uploads folder (disk full, no permission, read-only) and a damaged index, and words them for people.
import { IndexCorruptError } from '@report-qa/retrieval';
import { ApiError } from './api-error.js';
import type { AppConfig } from './config.js';
import { uploadsDir } from './create-library.js';

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

/** For start-up: a damaged or empty index database is not used; says what it is and what to run. */
export function describeIndexCorruption(error: unknown, config: Pick<AppConfig, 'dataDir' | 'reportsDir' | 'indexDir'>): Error | null {
  if (!(error instanceof IndexCorruptError)) return null;
  return new Error(
    `${error.message}。\n` +
      '没有在它之上启动：那样会得到一个缺少报告的库（上传的报告会消失，健康检查却显示正常）。\n' +
      '请先停止所有使用该索引的 report-qa 进程，然后运行：npx report-qa repair\n' +
      `它会把损坏的文件移到 ${config.indexDir}/damaged-<时间>/ 保存，并从 ${config.reportsDir} 和 ${uploadsDir(config)} 重建索引，上传的报告作为上传恢复。`,
    { cause: error },
  );
}
