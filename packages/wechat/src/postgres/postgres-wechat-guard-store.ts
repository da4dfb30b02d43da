// The delivery guard's nonces and rate counters in PostgreSQL, shared by every API process.
import type pg from 'pg';
import type { WechatGuardStore } from '../wechat-guard-store.js';

/** Nonces and counters in two tables; an expired row is taken over as new by the same statement. */
export function createPostgresWechatGuardStore(pool: pg.Pool, now: () => number = Date.now): WechatGuardStore {
  let lastSweep = 0;
  const sweep = () => {
    if (now() - lastSweep < 60_000) return;
    lastSweep = now();
    void pool.query('DELETE FROM wechat_claims WHERE expires_at < $1', [lastSweep]).catch(() => {});
    void pool.query('DELETE FROM wechat_counters WHERE expires_at < $1', [lastSweep]).catch(() => {});
  };
  return {
    async claim(key, fingerprint, ttlMs) {
      sweep();
      const at = now();
      const row = await pool.query<{ fingerprint: string; count: number }>(
        `INSERT INTO wechat_claims (key, fingerprint, count, expires_at) VALUES ($1, $2, 1, $3::bigint + $4::bigint)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN wechat_claims.expires_at < $3::bigint THEN 1 ELSE wechat_claims.count + 1 END,
           fingerprint = CASE WHEN wechat_claims.expires_at < $3::bigint THEN excluded.fingerprint ELSE wechat_claims.fingerprint END,
           expires_at = CASE WHEN wechat_claims.expires_at < $3::bigint THEN excluded.expires_at ELSE wechat_claims.expires_at END
         RETURNING fingerprint, count`,
        [key, fingerprint, at, ttlMs],
      );
      return row.rows[0]!;
    },
    async increment(key, ttlMs) {
      sweep();
      const at = now();
      const row = await pool.query<{ count: number }>(
        `INSERT INTO wechat_counters (key, count, expires_at) VALUES ($1, 1, $2::bigint + $3::bigint)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN wechat_counters.expires_at < $2::bigint THEN 1 ELSE wechat_counters.count + 1 END,
           expires_at = CASE WHEN wechat_counters.expires_at < $2::bigint THEN excluded.expires_at ELSE wechat_counters.expires_at END
         RETURNING count`,
        [key, at, ttlMs],
      );
      return row.rows[0]!.count;
    },
  };
}
