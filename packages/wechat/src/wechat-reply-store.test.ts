// The conversation store stays bounded: entries expire after the TTL and the oldest go beyond the size limit.
import { describe, expect, it } from 'vitest';
import { createWechatReplyStore, type MessageEntry } from './wechat-reply-store.js';

const entry = (key: string, createdAt: number): MessageEntry => ({
  key,
  userId: 'u',
  kind: 'notice',
  pages: Promise.resolve(['x']),
  ready: ['x'],
  deferred: false,
  createdAt,
});

// The clocks start at a real moment: lru-cache takes an entry saved at time 0 for one that never expires.
const start = 1_700_000_000_000;

describe('createWechatReplyStore', () => {
  it('forgets messages and users after the TTL (48 h by default)', () => {
    let now = start;
    const store = createWechatReplyStore({ now: () => now });
    store.putMessage(entry('a', now));
    store.saveUser('u', { remaining: ['page 2'], history: [], updatedAt: now });
    now = start + 47 * 3600_000;
    expect(store.getMessage('a')).toBeDefined();
    expect(store.getUser('u').remaining).toEqual(['page 2']);
    now = start + 48 * 3600_000 + 1;
    expect(store.getMessage('a')).toBeUndefined();
    expect(store.getUser('u').remaining).toEqual([]);
  });

  it('keeps at most maxMessages and maxUsers, dropping the oldest', () => {
    let now = start;
    const store = createWechatReplyStore({ now: () => now, maxMessages: 3, maxUsers: 2 });
    for (const key of ['a', 'b', 'c', 'd', 'e']) {
      now += 1;
      store.putMessage(entry(key, now));
      store.saveUser(key, { remaining: [], history: [], updatedAt: now });
    }
    expect(store.sizes).toEqual({ messages: 3, users: 2 });
    expect(store.getMessage('b')).toBeUndefined();
    expect(store.getMessage('c')).toBeDefined();
    expect(store.getMessage('e')).toBeDefined();
  });

  it('keeps a user who keeps writing: saving refreshes the age', () => {
    let now = start;
    const store = createWechatReplyStore({ now: () => now, maxUsers: 2 });
    store.saveUser('old', { remaining: ['p'], history: [], updatedAt: now });
    now += 1;
    store.saveUser('other', { remaining: [], history: [], updatedAt: now });
    now += 1;
    store.saveUser('old', store.getUser('old'));
    now += 1;
    store.saveUser('new', { remaining: [], history: [], updatedAt: now });
    expect(store.getUser('old').remaining).toEqual(['p']);
    expect(store.sizes.users).toBe(2);
  });
});
