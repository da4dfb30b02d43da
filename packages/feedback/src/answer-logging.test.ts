// The query log of a server: the secret generated once and kept beside the index, the configured one preferred, hashes stable.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret, memoryQueryLog, openQueryLog, SECRET_FILE, type AnswerLogging } from './answer-logging.js';
import { createKeyedHash } from './keyed-hash.js';

const folders: string[] = [];
const opened: AnswerLogging[] = [];

function folder(): string {
  const created = mkdtempSync(join(tmpdir(), 'answer-logging-'));
  folders.push(created);
  return created;
}

afterEach(async () => {
  for (const logging of opened.splice(0)) await logging.log.close();
  for (const created of folders.splice(0)) rmSync(created, { recursive: true, force: true });
});

describe('loadOrCreateSecret', () => {
  it('generates a secret on first start, readable by the owner only, and reads it back later', () => {
    const indexDir = folder();
    const first = loadOrCreateSecret({ indexDir });
    expect(first.length).toBeGreaterThanOrEqual(16);
    expect(readFileSync(join(indexDir, SECRET_FILE), 'utf8').trim()).toBe(first);
    if (process.platform !== 'win32') expect(statSync(join(indexDir, SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(loadOrCreateSecret({ indexDir, secret: null })).toBe(first);
  });

  it('prefers the configured secret and writes no file', () => {
    const indexDir = folder();
    expect(loadOrCreateSecret({ indexDir, secret: 'configured-secret-0123' })).toBe('configured-secret-0123');
    expect(() => statSync(join(indexDir, SECRET_FILE))).toThrow();
  });
});

describe('openQueryLog', () => {
  it('keeps the log in the index database and hashes with the kept secret', async () => {
    const indexDir = folder();
    const logging = openQueryLog({ indexDir, retentionDays: 90, secret: null });
    opened.push(logging);
    const secret = readFileSync(join(indexDir, SECRET_FILE), 'utf8').trim();
    expect(logging.hashIdentifier('openid-1')).toBe(createKeyedHash(secret)('openid-1'));
    expect(statSync(join(indexDir, 'index.sqlite')).isFile()).toBe(true);
    expect((await logging.log.list({})).total).toBe(0);
  });

  it('in memory, hashes with a secret of its own', () => {
    const logging = memoryQueryLog();
    opened.push(logging);
    expect(logging.hashIdentifier('openid-1')).toMatch(/^[0-9a-f]{64}$/u);
  });
});
