// Refuses replayed and stale callbacks and limits how often one user, and one account, may be answered.
import { createHash } from 'node:crypto';
import { createMemoryWechatGuardStore, type WechatGuardStore } from './wechat-guard-store.js';

export interface DeliveryGuardOptions {
  /** Shared state; default one in-memory store per guard. */
  store?: WechatGuardStore;
  /** Clock in ms since the epoch (default Date.now). */
  now?: () => number;
  /** How far a callback's timestamp may be from our clock, either way (default 300 s). */
  maxClockSkewSeconds?: number;
  /** Messages one user may send per minute before being told to wait (default 20; 0 = no limit). */
  userMessagesPerMinute?: number;
  /** Messages the whole account may receive per minute (default 600; 0 = no limit). */
  accountMessagesPerMinute?: number;
  /** Keeps the keys of several routes apart in one shared store (default 'wechat'). */
  scope?: string;
}

export interface DeliveryInput {
  timestamp: string;
  nonce: string;
  /** The signed request body (or echostr): a repeat of the same nonce with other content is a forgery. */
  content: string;
}

/**
 * - `fresh`: first delivery of this timestamp and nonce.
 * - `redelivery`: the same signed request again, as WeChat sends when our reply is late (at most 4 deliveries).
 * - `stale`: the timestamp is outside the allowed clock skew.
 * - `replayed`: the nonce was seen with other content, or more often than WeChat ever redelivers.
 */
export type DeliveryVerdict = 'fresh' | 'redelivery' | 'stale' | 'replayed';

/** `user`/`account`: that budget for the current minute is spent. */
export type RateVerdict = 'ok' | 'user' | 'account';

export interface DeliveryGuard {
  checkDelivery(input: DeliveryInput): Promise<DeliveryVerdict>;
  /** Counts one message of `userId` (and of the account); call it once per fresh delivery. */
  checkRate(userId: string): Promise<RateVerdict>;
}

export const DEFAULT_MAX_CLOCK_SKEW_SECONDS = 300;
/** WeChat delivers a message up to four times when the reply is late (the first try and three retries). */
const MAX_DELIVERIES = 4;
const MINUTE_MS = 60_000;

/** True when `timestamp` (seconds, as WeChat sends it) is within `maxSkewSeconds` of `nowMs`. */
export function isFreshTimestamp(timestamp: string, nowMs: number, maxSkewSeconds: number): boolean {
  if (!/^\d{1,12}$/.test(timestamp)) return false;
  return Math.abs(nowMs / 1000 - Number(timestamp)) <= maxSkewSeconds;
}

export function createDeliveryGuard({
  now = Date.now,
  store = createMemoryWechatGuardStore({ now }),
  maxClockSkewSeconds = DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  userMessagesPerMinute = 20,
  accountMessagesPerMinute = 600,
  scope = 'wechat',
}: DeliveryGuardOptions = {}): DeliveryGuard {
  // A timestamp at the edge of the window stays acceptable for twice the skew: remember its nonce that long.
  const nonceTtlMs = 2 * maxClockSkewSeconds * 1000 + 1000;
  return {
    async checkDelivery({ timestamp, nonce, content }) {
      if (!isFreshTimestamp(timestamp, now(), maxClockSkewSeconds)) return 'stale';
      const fingerprint = createHash('sha256').update(content, 'utf8').digest('hex');
      const claim = await store.claim(`${scope}:nonce:${timestamp}:${nonce}`, fingerprint, nonceTtlMs);
      if (claim.count === 1) return 'fresh';
      return claim.fingerprint === fingerprint && claim.count <= MAX_DELIVERIES ? 'redelivery' : 'replayed';
    },
    async checkRate(userId) {
      // Fixed one-minute windows: the counter of a key starts with its first hit and is dropped a minute later.
      if (accountMessagesPerMinute > 0 && (await store.increment(`${scope}:account`, MINUTE_MS)) > accountMessagesPerMinute) return 'account';
      if (userMessagesPerMinute > 0 && (await store.increment(`${scope}:user:${userId}`, MINUTE_MS)) > userMessagesPerMinute) return 'user';
      return 'ok';
    },
  };
}

/** What a user whose message was not answered because of a rate limit is told instead. */
export const RATE_LIMITED_REPLIES: Record<Exclude<RateVerdict, 'ok'>, string> = {
  user: '您的提问太频繁了，请一分钟后再试。',
  account: '当前提问的人数较多，请稍后再试。',
};
