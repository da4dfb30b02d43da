// Public exports of @report-qa/wechat/postgres: the WeChat state on PostgreSQL (kept apart so the main entry needs no pg).
export { WECHAT_MIGRATIONS } from './wechat-migrations.js';
export { createPostgresWechatGuardStore } from './postgres-wechat-guard-store.js';
export { createPostgresWechatReplyStore, type PostgresReplyStoreOptions } from './postgres-wechat-reply-store.js';
export { createSharedWechatState, createWechatPool, type SharedWechatState } from './create-shared-wechat-state.js';
