// Constant-time string comparison, so response timing does not reveal how much of a signature matched.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/** True when both strings are equal; compares fixed-length digests so lengths leak nothing either. */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
