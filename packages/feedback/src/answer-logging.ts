// The query log of a running server with its keyed hash for identifiers: in the index database, in PostgreSQL or in memory.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createKeyedHash } from './keyed-hash.js';
import { createPostgresQueryLog, sharedSecret } from './postgres-query-log.js';
import { createSqliteQueryLog } from './sqlite-query-log.js';
import type { QueryLog } from './types.js';

export interface AnswerLogging {
  log: QueryLog;
  /** HMAC of an identifier (an OpenID, a client address) with the configured or generated secret. */
  hashIdentifier: (value: string) => string;
}

export interface QueryLogOptions {
  /** The index folder: the log keeps its own table in the index database there, and the generated secret beside it. */
  indexDir: string;
  retentionDays?: number;
  /** The configured secret (QUERY_LOG_SECRET); null to use the one generated on first start. */
  secret?: string | null;
}

export interface PostgresAnswerLoggingOptions {
  /** postgres:// URL (DATABASE_URL). */
  url: string;
  retentionDays?: number;
  /** The configured secret (QUERY_LOG_SECRET); null to use the one generated once and shared in the database. */
  secret?: string | null;
}

export const SECRET_FILE = 'query-log.secret';
/** The index database of @report-qa/retrieval (its DATABASE_FILE, not exported): the log keeps its own table there. */
const INDEX_DATABASE_FILE = 'index.sqlite';

const generateSecret = () => randomBytes(32).toString('base64url');

/** The configured secret, else the secret generated on first start and kept in the index folder (readable by the owner only). */
export function loadOrCreateSecret({ indexDir, secret }: Pick<QueryLogOptions, 'indexDir' | 'secret'>): string {
  if (secret) return secret;
  const file = join(indexDir, SECRET_FILE);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 16) return kept;
  }
  const generated = generateSecret();
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  return generated;
}

export function openQueryLog({ indexDir, retentionDays, secret }: QueryLogOptions): AnswerLogging {
  return {
    log: createSqliteQueryLog({ file: join(indexDir, INDEX_DATABASE_FILE), retentionDays }),
    hashIdentifier: createKeyedHash(loadOrCreateSecret({ indexDir, secret })),
  };
}

/** A log in memory with a random secret: for an app built without one (tests of other resources). */
export function memoryQueryLog(): AnswerLogging {
  return { log: createSqliteQueryLog({ file: ':memory:' }), hashIdentifier: createKeyedHash(generateSecret()) };
}

/** The query log in PostgreSQL, hashing identifiers with the configured secret or a secret generated once and shared in the database. */
export async function openPostgresAnswerLogging({ url, retentionDays, secret }: PostgresAnswerLoggingOptions): Promise<AnswerLogging> {
  const shared = secret ?? (await sharedSecret(url, generateSecret));
  return {
    log: createPostgresQueryLog({ url, retentionDays }),
    hashIdentifier: createKeyedHash(shared),
  };
}
