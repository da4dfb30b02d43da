// Recognises failed writes to the index or the uploads folder (disk full, no permission, read-only) and a damaged index, and words them for people.
import { IndexCorruptError } from '@report-qa/retrieval';
import type { LibraryPaths } from './library.js';
import { uploadsDir } from './uploads-folder.js';

export type StorageProblem = 'full' | 'not-writable';

/** What went wrong with the library's storage: the disk is full, a folder is not writable, or the index is damaged. */
export type LibraryStorageProblem = StorageProblem | 'index-corrupt';

/** The library's storage failed; the message (Chinese) names the folder and what to do. The index is as it was. */
export class LibraryStorageError extends Error {
  override name = 'LibraryStorageError';
  constructor(
    readonly kind: LibraryStorageProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

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

/** A storage failure as a LibraryStorageError naming the folder, so whoever runs it knows what to fix; null for any other error. */
export function describeStorageFailure(error: unknown, dir: string, action: string): LibraryStorageError | null {
  const problem = storageProblem(error);
  if (!problem) return null;
  const detail = error instanceof Error ? error.message : String(error);
  return new LibraryStorageError(problem, `${action}失败：索引目录 ${dir} ${problemText[problem]}（${detail}）。索引保持原样，请处理后重试`, { cause: error });
}

/** For start-up: a damaged or empty index database is not used; says what it is and what to run. */
export function describeIndexCorruption(error: unknown, paths: LibraryPaths): LibraryStorageError | null {
  if (!(error instanceof IndexCorruptError)) return null;
  return new LibraryStorageError(
    'index-corrupt',
    `${error.message}。\n` +
      '没有在它之上启动：那样会得到一个缺少报告的库（上传的报告会消失，健康检查却显示正常）。\n' +
      '请先停止所有使用该索引的 report-qa 进程，然后运行：npx report-qa repair\n' +
      `它会把损坏的文件移到 ${paths.indexDir}/damaged-<时间>/ 保存，并从 ${paths.reportsDir} 和 ${uploadsDir(paths)} 重建索引，上传的报告作为上传恢复。`,
    { cause: error },
  );
}
