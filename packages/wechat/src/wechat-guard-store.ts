// Where the delivery guard keeps what it has seen: nonces for the clock-skew window and per-window counters.
import { LRUCache } from 'lru-cache';

/**
 * The state the delivery guard shares between requests. The in-memory store serves one process; several API
 * processes behind one account need a shared implementation (PostgreSQL, Redis) of these two calls.
 */
export interface WechatGuardStore {
  /**
   * Records `fingerprint` under `key` for `ttlMs` unless the key is already there. Returns the first-recorded
   * fingerprint and how many times the key was claimed (1 for a new key).
   */
  claim(key: string, fingerprint: string, ttlMs: number): Promise<{ fingerprint: string; count: number }>;
  /** Adds one to the counter `key`, which lives for `ttlMs` from its first hit; returns the new count. */
  increment(key: string, ttlMs: number): Promise<number>;
}

export interface MemoryWechatGuardStoreOptions {
  /** Entries kept at most (default 100 000); beyond it the least recently used go first. */
  maxEntries?: number;
  /** Clock in ms since the epoch (default Date.now); tests inject one. */
  now?: () => number;
}

interface Claim {
  fingerprint: string;
  count: number;
}

/** One process's guard store: an LRU cache whose entries expire after their time to live. */
export function createMemoryWechatGuardStore({ maxEntries = 100_000, now = Date.now }: MemoryWechatGuardStoreOptions = {}): WechatGuardStore {
  // ttlResolution 0: read the (injected) clock on every check instead of caching it for a millisecond.
  const claims = new LRUCache<string, Claim>({ max: maxEntries, ttlResolution: 0, perf: { now } });
  const counters = new LRUCache<string, number>({ max: maxEntries, ttlResolution: 0, perf: { now } });
  return {
    async claim(key, fingerprint, ttlMs) {
      const existing = claims.get(key);
      if (existing) {
        existing.count += 1;
        return { ...existing };
      }
      claims.set(key, { fingerprint, count: 1 }, { ttl: ttlMs });
      return { fingerprint, count: 1 };
    },
    async increment(key, ttlMs) {
      const count = (counters.get(key) ?? 0) + 1;
      // noUpdateTTL: the window starts at the first hit and does not slide with later ones.
      counters.set(key, count, count === 1 ? { ttl: ttlMs } : { noUpdateTTL: true });
      return count;
    },
  };
}
