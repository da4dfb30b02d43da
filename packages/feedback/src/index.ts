// Public exports of @report-qa/feedback.
export type * from './types.js';
export { ANSWER_CHANNELS } from './types.js';
export { FeedbackError, type FeedbackErrorCode } from './feedback-error.js';
export { createKeyedHash } from './keyed-hash.js';
export { createSqliteQueryLog, type SqliteQueryLogOptions } from './sqlite-query-log.js';
export { createPostgresQueryLog, sharedSecret, QUERY_LOG_MIGRATIONS, type PostgresQueryLogOptions } from './postgres-query-log.js';
