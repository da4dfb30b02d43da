// PostgreSQL when DATABASE_URL is set: every package's migrations at start, and the shared query log.
import { randomBytes } from 'node:crypto';
import { createKeyedHash, createPostgresQueryLog, QUERY_LOG_MIGRATIONS, sharedSecret } from '@report-qa/feedback';
import { createPostgresPool, postgresConnectError, RETRIEVAL_MIGRATIONS, runMigrations, type Migration } from '@report-qa/retrieval';
import type { AppConfig } from './config.js';
import { WECHAT_MIGRATIONS } from './postgres-wechat-stores.js';
import type { AnswerLogging } from './query-log.js';

/** Every table the app keeps in PostgreSQL, by version (1–99 retrieval, 100–199 query log, 200–299 WeChat). */
export const ALL_MIGRATIONS: readonly Migration[] = [...RETRIEVAL_MIGRATIONS, ...QUERY_LOG_MIGRATIONS, ...WECHAT_MIGRATIONS];

/** Applies the migrations not applied yet; a URL that does not connect stops the start naming DATABASE_URL. */
export async function migrateDatabase(url: string): Promise<number[]> {
  const pool = createPostgresPool(url, 1);
  try {
    try {
      await pool.query('SELECT 1');
    } catch (error) {
      throw postgresConnectError(url, error);
    }
    return await runMigrations(pool, ALL_MIGRATIONS);
  } finally {
    await pool.end().catch(() => {});
  }
}

/** The query log in PostgreSQL, hashing identifiers with QUERY_LOG_SECRET or a secret generated once and shared in the database. */
export async function openPostgresAnswerLogging(config: AppConfig & { databaseUrl: string }): Promise<AnswerLogging> {
  const secret = config.queryLog.secret ?? (await sharedSecret(config.databaseUrl, () => randomBytes(32).toString('base64url')));
  return {
    log: createPostgresQueryLog({ url: config.databaseUrl, retentionDays: config.queryLog.retentionDays }),
    hashIdentifier: createKeyedHash(secret),
  };
}
