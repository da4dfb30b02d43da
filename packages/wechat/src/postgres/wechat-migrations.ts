// The WeChat tables in PostgreSQL, applied by the app with every package's migrations.
/** Versions 200–299: the WeChat tables. */
export const WECHAT_MIGRATIONS = [
  {
    version: 200,
    name: 'wechat shared state',
    sql: `
CREATE TABLE wechat_claims (key text PRIMARY KEY, fingerprint text NOT NULL, count integer NOT NULL, expires_at bigint NOT NULL);
CREATE TABLE wechat_counters (key text PRIMARY KEY, count integer NOT NULL, expires_at bigint NOT NULL);
CREATE TABLE wechat_messages (key text PRIMARY KEY, owner text NOT NULL, pages jsonb, created_at bigint NOT NULL);
CREATE TABLE wechat_users (user_id text PRIMARY KEY, state jsonb NOT NULL, updated_at bigint NOT NULL);
CREATE INDEX wechat_claims_expires ON wechat_claims (expires_at);
CREATE INDEX wechat_counters_expires ON wechat_counters (expires_at);
CREATE INDEX wechat_messages_created ON wechat_messages (created_at);
`,
  },
] as const;
