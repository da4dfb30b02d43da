// PostgreSQL when DATABASE_URL is set: every package's migrations, applied at start.
import { QUERY_LOG_MIGRATIONS } from '@report-qa/feedback';
import { createPostgresPool, postgresConnectError, RETRIEVAL_MIGRATIONS, runMigrations, type Migration } from '@report-qa/retrieval';
import { WECHAT_MIGRATIONS } from '@report-qa/wechat/postgres';

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
