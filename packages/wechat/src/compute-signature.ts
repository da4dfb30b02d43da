// WeChat signatures: SHA-1 hex of the parts sorted as strings and concatenated.
import { createHash } from 'node:crypto';
import { safeEqual } from './safe-equal.js';

/**
 * signature = sha1(sort([token, timestamp, nonce]).join('')); msg_signature adds the Encrypt string.
 * Sorting is by UTF-16 code units, which equals byte order for the ASCII values WeChat sends.
 */
export function computeSignature(token: string, timestamp: string, nonce: string, encrypt?: string): string {
  const parts = encrypt === undefined ? [token, timestamp, nonce] : [token, timestamp, nonce, encrypt];
  return createHash('sha1').update(parts.sort().join(''), 'utf8').digest('hex');
}

export interface SignatureInput {
  token: string;
  timestamp: string;
  nonce: string;
  /** The received signature (or msg_signature when encrypt is given). */
  signature: string;
  /** The Encrypt value: present for msg_signature checks. */
  encrypt?: string;
}

/** Checks a received signature in constant time; WeChat sends lower-case hex. */
export function verifySignature({ token, timestamp, nonce, signature, encrypt }: SignatureInput): boolean {
  return safeEqual(computeSignature(token, timestamp, nonce, encrypt), signature);
}
