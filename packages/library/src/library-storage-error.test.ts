// Storage failures and a damaged index become LibraryStorageErrors that name the folder and what to do; other errors pass.
import { describe, expect, it } from 'vitest';
import { IndexCorruptError } from '@report-qa/retrieval';
import { describeIndexCorruption, describeStorageFailure, LibraryStorageError } from './library-storage-error.js';

const coded = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('describeStorageFailure', () => {
  it('names the folder of a full disk, with the cause kept', () => {
    const cause = coded('SQLITE_FULL', 'database or disk is full');
    const error = describeStorageFailure(new Error('ingest failed', { cause }), '/srv/index', '写入索引');
    expect(error).toBeInstanceOf(LibraryStorageError);
    expect(error!.kind).toBe('full');
    expect(error!.message).toBe('写入索引失败：索引目录 /srv/index 磁盘空间不足（ingest failed）。索引保持原样，请处理后重试');
  });

  it('recognises a folder that cannot be written', () => {
    expect(describeStorageFailure(coded('EACCES', 'permission denied'), '/srv/index', '打开索引')!.kind).toBe('not-writable');
    expect(describeStorageFailure(coded('SQLITE_READONLY_DBMOVED', 'attempt to write a readonly database'), '/srv/index', '打开索引')!.kind).toBe('not-writable');
  });

  it('leaves any other error alone', () => {
    expect(describeStorageFailure(new Error('boom'), '/srv/index', '写入索引')).toBeNull();
  });
});

describe('describeIndexCorruption', () => {
  it('says to stop the processes and run the repair, naming the folders it rebuilds from', () => {
    const error = describeIndexCorruption(new IndexCorruptError('/srv/index/index.sqlite', '文件头无效'), { dataDir: '/srv/data', reportsDir: '/srv/reports', indexDir: '/srv/index' });
    expect(error!.kind).toBe('index-corrupt');
    expect(error!.message).toContain('npx report-qa repair');
    expect(error!.message).toContain('从 /srv/reports 和 /srv/data/uploads 重建索引');
    expect(describeIndexCorruption(new Error('other'), { dataDir: 'd', reportsDir: 'r', indexDir: 'i' })).toBeNull();
  });
});
