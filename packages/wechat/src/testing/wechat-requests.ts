// Builds what WeChat sends (signed query strings, plain and encrypted message XML) and reads replies, for tests.
import { computeSignature, decryptMessage, encryptMessage, parseEncryptedEnvelope, parseInboundMessage, verifySignature } from '../index.js';

export interface SafeModeKeys {
  token: string;
  encodingAESKey: string;
  receiveId: string;
}

let sequence = 0;
let nonceSequence = 0;

/** A nonce not used before in this process, as WeChat sends a new one with every request. */
export function nextNonce(): string {
  nonceSequence += 1;
  return String(100000 + nonceSequence);
}

/** A user's text message as WeChat posts it (CDATA like WeChat; MsgId beyond 2^53). */
export function textMessageXml({ from = 'oUser1', to = 'gh_account', content, msgId }: { from?: string; to?: string; content: string; msgId?: string }): string {
  sequence += 1;
  const id = msgId ?? `${6054768590064713728n + BigInt(sequence)}`;
  return `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${1700000000 + sequence}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${id}</MsgId></xml>`;
}

export function eventXml({ from = 'oUser1', event, createTime = '1700000000' }: { from?: string; event: string; createTime?: string }): string {
  return `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event></xml>`;
}

/** The query string of a plain-mode POST (signature over token, timestamp, nonce). */
export function plainQuery(token: string, timestamp = '1700000000', nonce = nextNonce()): string {
  return new URLSearchParams({ signature: computeSignature(token, timestamp, nonce), timestamp, nonce, openid: 'oUser1' }).toString();
}

/** Encrypts a message as WeChat does in safe mode: the envelope body and its query string. */
export function safeModeRequest(keys: SafeModeKeys, xml: string, timestamp = '1700000000', nonce = nextNonce()): { query: string; body: string } {
  const encrypt = encryptMessage(xml, { encodingAESKey: keys.encodingAESKey, receiveId: keys.receiveId });
  const query = new URLSearchParams({
    signature: computeSignature(keys.token, timestamp, nonce),
    timestamp,
    nonce,
    openid: 'oUser1',
    encrypt_type: 'aes',
    msg_signature: computeSignature(keys.token, timestamp, nonce, encrypt),
  }).toString();
  return { query, body: `<xml><ToUserName><![CDATA[gh_account]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
}

/** Checks the reply envelope's signature, decrypts it and returns the reply message. */
export function readEncryptedReply(keys: SafeModeKeys, body: string) {
  const envelope = parseEncryptedEnvelope(body);
  const signature = /<MsgSignature><!\[CDATA\[([0-9a-f]{40})\]\]>/.exec(body)?.[1] ?? '';
  const timestamp = /<TimeStamp>(\d+)<\/TimeStamp>/.exec(body)?.[1] ?? '';
  const nonce = /<Nonce><!\[CDATA\[(\d+)\]\]>/.exec(body)?.[1] ?? '';
  if (!verifySignature({ token: keys.token, timestamp, nonce, encrypt: envelope.encrypt, signature })) throw new Error('reply signature mismatch');
  return parseInboundMessage(decryptMessage(envelope.encrypt, { encodingAESKey: keys.encodingAESKey, receiveId: keys.receiveId }).message);
}
