// Public exports of @report-qa/feedback.
export type * from './types.js';
export { ANSWER_CHANNELS } from './types.js';
export { FeedbackError, type FeedbackErrorCode } from './feedback-error.js';
export { createKeyedHash } from './keyed-hash.js';
export { createSqliteQueryLog, type SqliteQueryLogOptions } from './sqlite-query-log.js';
export { createPostgresQueryLog, sharedSecret, QUERY_LOG_MIGRATIONS, type PostgresQueryLogOptions } from './postgres-query-log.js';
export { loadOrCreateSecret, memoryQueryLog, openPostgresAnswerLogging, openQueryLog, SECRET_FILE, type AnswerLogging, type PostgresAnswerLoggingOptions, type QueryLogOptions } from './answer-logging.js';
export { createAnswerRecorder, type AnswerRecorderOptions, type AnsweredQuestion, type LoggedAnswerResult, type RecordAnswer } from './record-answer.js';
export { guessType, toEvalCase, type EvalCase } from './to-eval-case.js';
