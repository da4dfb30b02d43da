// Signatures against the published vectors, and one-character changes that must fail.
import { describe, expect, it } from 'vitest';
import { computeSignature, verifySignature } from './compute-signature.js';
import { testVectors } from './testing/published-vectors.js';

const change = (text: string, at = text.length - 1) =>
  text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1);

const plainCases = testVectors.flatMap((set) =>
  set.cases
    .filter((item) => item.kind === 'plain_signature')
    .map((item) => ({ name: `${set.id} ${item.timestamp}`, token: item.token ?? set.token!, ...item })),
);
const msgCases = testVectors.flatMap((set) =>
  set.cases
    .filter((item) => item.msg_signature)
    .map((item) => ({ name: `${set.id} ${item.kind}`, token: set.token!, encrypt: item.encrypt ?? item.echostr!, ...item })),
);

describe('computeSignature', () => {
  it('has plain and msg_signature vectors to check', () => {
    expect(plainCases.length).toBeGreaterThanOrEqual(4);
    expect(msgCases.length).toBeGreaterThanOrEqual(3);
  });

  it.each(plainCases)('plain signature $name', ({ token, timestamp, nonce, signature }) => {
    expect(computeSignature(token, timestamp, nonce)).toBe(signature);
    expect(verifySignature({ token, timestamp, nonce, signature: signature! })).toBe(true);
    for (const [t, ts, n] of [
      [change(token), timestamp, nonce],
      [token, change(timestamp), nonce],
      [token, timestamp, change(nonce)],
    ] as const) {
      expect(verifySignature({ token: t, timestamp: ts, nonce: n, signature: signature! })).toBe(false);
    }
    expect(verifySignature({ token, timestamp, nonce, signature: change(signature!) })).toBe(false);
    expect(verifySignature({ token, timestamp, nonce, signature: '' })).toBe(false);
  });

  it.each(msgCases)('msg_signature $name', ({ token, timestamp, nonce, msg_signature, encrypt }) => {
    expect(computeSignature(token, timestamp, nonce, encrypt)).toBe(msg_signature);
    expect(verifySignature({ token, timestamp, nonce, encrypt, signature: msg_signature! })).toBe(true);
    expect(verifySignature({ token, timestamp, nonce, encrypt: change(encrypt, 10), signature: msg_signature! })).toBe(false);
    expect(verifySignature({ token, timestamp, nonce, signature: msg_signature! })).toBe(false);
  });

  it('rejects the wechatpy negative case', () => {
    expect(
      verifySignature({ token: 'test', timestamp: '1410685589', nonce: 'test', signature: 'f21891de399b4e33a1a93c9a7b8a8fffb5a443fe' }),
    ).toBe(false);
  });
});
