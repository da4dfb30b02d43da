// XML replies: the passive text reply and the safe-mode envelope around an encrypted reply.
import { computeSignature } from './compute-signature.js';

/** Wraps text in CDATA; a "]]>" inside is split across two sections so it cannot end the section early. */
export function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

export interface TextReplyInput {
  /** The user (the inbound FromUserName). */
  toUserName: string;
  /** The account (the inbound ToUserName). */
  fromUserName: string;
  content: string;
  /** Seconds since the epoch. */
  createTime: number;
  /** WeCom: the application's AgentID, echoed back. */
  agentId?: string;
}

export function buildTextReply({ toUserName, fromUserName, content, createTime, agentId }: TextReplyInput): string {
  return [
    '<xml>',
    `<ToUserName>${cdata(toUserName)}</ToUserName>`,
    `<FromUserName>${cdata(fromUserName)}</FromUserName>`,
    `<CreateTime>${Math.floor(createTime)}</CreateTime>`,
    `<MsgType>${cdata('text')}</MsgType>`,
    `<Content>${cdata(content)}</Content>`,
    ...(agentId !== undefined ? [`<AgentID>${cdata(agentId)}</AgentID>`] : []),
    '</xml>',
  ].join('');
}

export interface EncryptedReplyInput {
  encrypt: string;
  token: string;
  timestamp: string;
  nonce: string;
}

/** The safe-mode reply: Encrypt plus a fresh MsgSignature over token, timestamp, nonce and Encrypt. */
export function buildEncryptedReply({ encrypt, token, timestamp, nonce }: EncryptedReplyInput): string {
  const signature = computeSignature(token, timestamp, nonce, encrypt);
  return [
    '<xml>',
    `<Encrypt>${cdata(encrypt)}</Encrypt>`,
    `<MsgSignature>${cdata(signature)}</MsgSignature>`,
    `<TimeStamp>${timestamp}</TimeStamp>`,
    `<Nonce>${cdata(nonce)}</Nonce>`,
    '</xml>',
  ].join('');
}
