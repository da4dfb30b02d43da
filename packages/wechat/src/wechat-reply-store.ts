// Memory for WeChat conversations: one entry per message (deduplicating retries) and per user, bounded in time and size.
import { LRUCache } from 'lru-cache';
import type { ConversationTurn } from './wechat-answerer.js';

/** One inbound message (all its deliveries share this entry). */
export interface MessageEntry {
  key: string;
  userId: string;
  /** 'answer' pages come from the answerer and may continue; 'notice' replies (help, "继续", …) never do. */
  kind: 'answer' | 'notice';
  /** Reply pages, each within WeChat's 2048-byte limit; a page but the last ends with the continuation hint. */
  pages: Promise<string[]>;
  /** Set once pages has resolved. */
  ready?: string[];
  /** The text that went back to the user for this message; every later delivery gets the same. */
  delivered?: string;
  /** The answer missed a reply deadline: the user was told to come back, or it will be pushed. */
  deferred: boolean;
  /** Wakes the delivery that is still waiting, when a newer delivery of the same message arrives. */
  release?: () => void;
  createdAt: number;
}

export interface UserState {
  /** Key of a message whose answer was not ready in time and is still to be delivered. */
  pendingKey?: string;
  /** Further pages of the last long answer, for "继续". */
  remaining: string[];
  /** Recent turns, for follow-up questions. */
  history: ConversationTurn[];
  updatedAt: number;
}

export interface WechatReplyStoreOptions {
  /** How long entries are kept (default 48 h: the customer-service window). */
  ttlMs?: number;
  maxMessages?: number;
  maxUsers?: number;
  now?: () => number;
}

/**
 * The state of WeChat conversations. The in-memory store serves one process; several API processes behind one
 * account need a shared implementation (`@report-qa/wechat/postgres`), which adds the optional calls.
 */
export interface WechatReplyStore {
  getMessage(key: string): MessageEntry | undefined;
  putMessage(entry: MessageEntry): void;
  /** The user's state, created empty when unknown; call saveUser after changing it. */
  getUser(userId: string): UserState;
  saveUser(userId: string, state: UserState): void;
  readonly sizes: { messages: number; users: number };
  now(): number;
  // A store shared by several processes (PostgreSQL) adds these; the in-memory store needs none of them.
  /** Reads the user's state written by any process into memory before a message is handled. */
  loadUser?(userId: string): Promise<void>;
  /** Waits until the user states saved so far are written. */
  flushUsers?(): Promise<void>;
  /** True for the one process that is to compute this message's answer; the others wait for its pages. */
  claim?(key: string): Promise<boolean>;
  publish?(key: string, pages: string[]): Promise<void>;
  /** The pages another process published for this message, or null when it never will. */
  awaitPublished?(key: string): Promise<string[] | null>;
}

export const DEFAULT_REPLY_TTL_MS = 48 * 60 * 60 * 1000;

/** One process's store: two lru-caches whose entries expire ttlMs after they were last saved. */
export function createWechatReplyStore({
  ttlMs = DEFAULT_REPLY_TTL_MS,
  maxMessages = 10_000,
  maxUsers = 10_000,
  now = Date.now,
}: WechatReplyStoreOptions = {}): WechatReplyStore {
  // ttlResolution 0: read the (injected) clock on every check instead of caching it for a millisecond.
  const cacheOptions = { ttl: ttlMs, ttlResolution: 0, perf: { now } };
  const messages = new LRUCache<string, MessageEntry>({ ...cacheOptions, max: maxMessages });
  const users = new LRUCache<string, UserState>({ ...cacheOptions, max: maxUsers });
  return {
    getMessage: (key) => messages.get(key),
    putMessage: (entry) => messages.set(entry.key, entry),
    getUser: (userId) => users.get(userId) ?? { remaining: [], history: [], updatedAt: now() },
    saveUser: (userId, state) => users.set(userId, { ...state, updatedAt: now() }),
    get sizes() {
      // Expired entries stay in an lru-cache until read or pushed out: counted are the live ones.
      messages.purgeStale();
      users.purgeStale();
      return { messages: messages.size, users: users.size };
    },
    now,
  };
}
