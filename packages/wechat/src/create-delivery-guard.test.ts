// The delivery guard: timestamps outside the window, replayed nonces, WeChat's own redeliveries, per-user and per-account limits.
import { describe, expect, it } from 'vitest';
import { createDeliveryGuard, isFreshTimestamp } from './create-delivery-guard.js';
import { createMemoryWechatGuardStore } from './wechat-guard-store.js';

/** A clock the test moves by hand (ms since the epoch). */
function manualClock(start = 1_700_000_000_000) {
  let time = start;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('isFreshTimestamp', () => {
  it('accepts timestamps within the skew either way and refuses the rest', () => {
    const now = 1_700_000_000_000;
    expect(isFreshTimestamp('1700000000', now, 300)).toBe(true);
    expect(isFreshTimestamp('1700000300', now, 300)).toBe(true);
    expect(isFreshTimestamp('1699999700', now, 300)).toBe(true);
    expect(isFreshTimestamp('1700000301', now, 300)).toBe(false);
    expect(isFreshTimestamp('1699999699', now, 300)).toBe(false);
    // The published test vector, signed in 2014.
    expect(isFreshTimestamp('1409735669', now, 300)).toBe(false);
    expect(isFreshTimestamp('', now, 300)).toBe(false);
    expect(isFreshTimestamp('17e8', now, 300)).toBe(false);
  });
});

describe('createDeliveryGuard', () => {
  const delivery = (nonce: string, content = '<xml>a</xml>', timestamp = '1700000000') => ({ timestamp, nonce, content });

  it('refuses a stale timestamp, and accepts it when the clock says it is recent', async () => {
    expect(await createDeliveryGuard({ now: () => 1_700_000_000_000 }).checkDelivery(delivery('1', 'x', '1409735669'))).toBe('stale');
    expect(await createDeliveryGuard({ now: () => 1_409_735_669_000 }).checkDelivery(delivery('1', 'x', '1409735669'))).toBe('fresh');
  });

  it('honours a configured skew', async () => {
    const guard = createDeliveryGuard({ now: () => 1_700_000_060_000, maxClockSkewSeconds: 30 });
    expect(await guard.checkDelivery(delivery('1'))).toBe('stale');
    expect(await createDeliveryGuard({ now: () => 1_700_000_060_000, maxClockSkewSeconds: 60 }).checkDelivery(delivery('1'))).toBe('fresh');
  });

  it('refuses a nonce replayed with other content', async () => {
    const guard = createDeliveryGuard({ now: () => 1_700_000_000_000 });
    expect(await guard.checkDelivery(delivery('42', '<xml>question</xml>'))).toBe('fresh');
    expect(await guard.checkDelivery(delivery('42', '<xml>forged user</xml>'))).toBe('replayed');
    expect(await guard.checkDelivery(delivery('43', '<xml>forged user</xml>'))).toBe('fresh');
  });

  it('lets WeChat redeliver the same request up to four times in all, then refuses it', async () => {
    const guard = createDeliveryGuard({ now: () => 1_700_000_000_000 });
    expect(await guard.checkDelivery(delivery('7'))).toBe('fresh');
    for (let n = 0; n < 3; n += 1) expect(await guard.checkDelivery(delivery('7'))).toBe('redelivery');
    expect(await guard.checkDelivery(delivery('7'))).toBe('replayed');
  });

  it('remembers a nonce for as long as its timestamp is acceptable, and no longer', async () => {
    const clock = manualClock();
    const guard = createDeliveryGuard({ now: clock.now, maxClockSkewSeconds: 300 });
    // Signed 5 minutes in the future: acceptable until 10 minutes from now.
    expect(await guard.checkDelivery(delivery('9', 'a', '1700000300'))).toBe('fresh');
    clock.advance(599_000);
    expect(await guard.checkDelivery(delivery('9', 'b', '1700000300'))).toBe('replayed');
    clock.advance(2_000);
    expect(await guard.checkDelivery(delivery('9', 'b', '1700000300'))).toBe('stale');
  });

  it('limits each user per minute, then lets them ask again in the next minute', async () => {
    const clock = manualClock();
    const guard = createDeliveryGuard({ now: clock.now, userMessagesPerMinute: 2 });
    expect(await guard.checkRate('oUserA')).toBe('ok');
    expect(await guard.checkRate('oUserA')).toBe('ok');
    expect(await guard.checkRate('oUserA')).toBe('user');
    expect(await guard.checkRate('oUserB')).toBe('ok');
    clock.advance(60_001);
    expect(await guard.checkRate('oUserA')).toBe('ok');
  });

  it('limits the whole account per minute, whatever the users', async () => {
    const guard = createDeliveryGuard({ now: () => 1_700_000_000_000, accountMessagesPerMinute: 3, userMessagesPerMinute: 0 });
    const verdicts = [];
    for (let n = 0; n < 5; n += 1) verdicts.push(await guard.checkRate(`oForged${n}`));
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'account', 'account']);
  });

  it('keeps two scopes apart in one shared store', async () => {
    const store = createMemoryWechatGuardStore({ now: () => 1_700_000_000_000 });
    const mp = createDeliveryGuard({ store, now: () => 1_700_000_000_000, scope: 'mp' });
    const work = createDeliveryGuard({ store, now: () => 1_700_000_000_000, scope: 'work' });
    expect(await mp.checkDelivery(delivery('5', 'a'))).toBe('fresh');
    expect(await work.checkDelivery(delivery('5', 'b'))).toBe('fresh');
    expect(await mp.checkDelivery(delivery('5', 'b'))).toBe('replayed');
  });
});
