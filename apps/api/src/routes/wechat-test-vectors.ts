// The published WeChat/WeCom vectors (the fixture kept with @report-qa/wechat), for endpoint tests.
import { readFileSync } from 'node:fs';

export interface VectorCase {
  kind: 'decrypt' | 'verify_url' | 'plain_signature';
  timestamp: string;
  nonce: string;
  token?: string;
  signature?: string;
  msg_signature?: string;
  encrypt?: string;
  echostr?: string;
  expected_plaintext?: string;
}

export interface VectorSet {
  id: string;
  token?: string;
  encodingAESKey?: string;
  receiveId?: string;
  cases: VectorCase[];
}

export const wechatVectors = JSON.parse(
  readFileSync(new URL('../../../../packages/wechat/fixtures/test-vectors.json', import.meta.url), 'utf8'),
) as VectorSet[];

/** Changes one character (a digit or letter stays a digit or letter). */
export function changeOne(text: string, at = text.length - 1): string {
  const char = text[at] ?? '';
  const replacement = /\d/.test(char) ? String((Number(char) + 1) % 10) : char === 'a' ? 'b' : 'a';
  return text.slice(0, at) + replacement + text.slice(at + 1);
}
