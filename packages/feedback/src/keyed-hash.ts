// Keyed hashes (HMAC-SHA-256) for identifiers that must be countable but never stored in clear.
import { createHmac } from 'node:crypto';

/** Returns a function giving the hex HMAC of a value; the same secret gives the same hash across restarts. */
export function createKeyedHash(secret: string): (value: string) => string {
  if (secret.length < 16) throw new RangeError('the hashing secret must be at least 16 characters');
  return (value) => createHmac('sha256', secret).update(value).digest('hex');
}
