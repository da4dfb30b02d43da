// The published WeChat/WeCom test vectors (fixtures/test-vectors.json, a copy of the shared file), for tests here and in the API.
import { readFileSync } from 'node:fs';

export interface VectorCase {
  kind: 'decrypt' | 'verify_url' | 'plain_signature';
  timestamp: string;
  nonce: string;
  msg_signature?: string;
  signature?: string;
  encrypt?: string;
  echostr?: string;
  token?: string;
  expected_random?: string;
  expected_msg_len?: number;
  expected_pad?: number;
  expected_plaintext?: string;
}

export interface VectorSet {
  id: string;
  token?: string;
  encodingAESKey?: string;
  receiveId?: string;
  cases: VectorCase[];
}

export const testVectors: VectorSet[] = JSON.parse(
  readFileSync(new URL('../../fixtures/test-vectors.json', import.meta.url), 'utf8'),
) as VectorSet[];

/** Changes one character (a digit or letter stays a digit or letter), for tampering tests. */
export function changeOne(text: string, at = text.length - 1): string {
  const char = text[at] ?? '';
  const replacement = /\d/.test(char) ? String((Number(char) + 1) % 10) : char === 'a' ? 'b' : 'a';
  return text.slice(0, at) + replacement + text.slice(at + 1);
}
