// The query log of the running server: its table in the index database, and the keyed hash for identifiers.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyedHash, createSqliteQueryLog, type QueryLog } from '@report-qa/feedback';
import type { AppConfig } from './config.js';

export interface AnswerLogging {
  log: QueryLog;
  /** HMAC of an identifier (an OpenID, a client address) with the configured or generated secret. */
  hashIdentifier: (value: string) => string;
}

export const SECRET_FILE = 'query-log.secret';
/** The index database of @report-qa/retrieval (its DATABASE_FILE, not exported): the log keeps its own table there. */
const INDEX_DATABASE_FILE = 'index.sqlite';

/** QUERY_LOG_SECRET, else the secret generated on first start and kept in the index folder (readable by the owner only). */
export function loadOrCreateSecret(config: AppConfig): string {
  if (config.queryLog.secret) return config.queryLog.secret;
  const file = join(config.indexDir, SECRET_FILE);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 16) return kept;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function openQueryLog(config: AppConfig): AnswerLogging {
  return {
    log: createSqliteQueryLog({ file: join(config.indexDir, INDEX_DATABASE_FILE), retentionDays: config.queryLog.retentionDays }),
    hashIdentifier: createKeyedHash(loadOrCreateSecret(config)),
  };
}

/** A log in memory with a random secret: for an app built without one (tests of other resources). */
export function memoryQueryLog(): AnswerLogging {
  return { log: createSqliteQueryLog({ file: ':memory:' }), hashIdentifier: createKeyedHash(randomBytes(32).toString('base64url')) };
}
