// The library's storage errors reach users as the same HTTP answers as before the library moved out of the API.
import { describe, expect, it } from 'vitest';
import { LibraryStorageError } from '@report-qa/library';
import { toUserError } from './to-user-error.js';

describe('a LibraryStorageError as an HTTP answer', () => {
  it('maps each kind to its status, code and a message without server paths', () => {
    const answer = (kind: LibraryStorageError['kind']) => toUserError(new LibraryStorageError(kind, '保存失败：索引目录 /srv/index 出错'), 'req-1');
    expect(answer('full')).toEqual({
      status: 507,
      body: { error: { code: 'STORAGE_FULL', message: '服务器磁盘空间不足，报告未能保存，报告库保持原样；请联系管理员清理磁盘后重试', requestId: 'req-1' } },
    });
    expect(answer('not-writable').status).toBe(503);
    expect(answer('not-writable').body.error.code).toBe('STORAGE_NOT_WRITABLE');
    expect(answer('index-corrupt').status).toBe(503);
    expect(answer('index-corrupt').body.error.code).toBe('INDEX_CORRUPT');
    for (const kind of ['full', 'not-writable', 'index-corrupt'] as const) expect(answer(kind).body.error.message).not.toContain('/srv');
  });
});
