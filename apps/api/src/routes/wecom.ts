// /wechat/work: the WeCom (企业微信) application callback: URL verification, encrypted messages and encrypted replies.
import { randomInt } from 'node:crypto';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { answerWithNote, type Answerer, type AnswerResult } from '@report-qa/answer';
import {
  DEFAULT_MAX_XML_BYTES,
  buildEncryptedReply,
  buildTextReply,
  createDeliveryGuard,
  createWechatConversation,
  createWechatReplyStore,
  decryptMessage,
  encryptMessage,
  parseEncryptedEnvelope,
  parseInboundMessage,
  RATE_LIMITED_REPLIES,
  verifySignature,
  WECHAT_REPLY_DEADLINE_MS,
  WechatError,
  type DeliveryGuard,
  type InboundMessage,
  type WechatAnswered,
  type WechatReplyStore,
} from '@report-qa/wechat';
import type { AppConfig } from '../config/config.js';

export interface WecomRoutesOptions {
  answerer: Answerer;
  config: NonNullable<AppConfig['wecom']>;
  store?: WechatReplyStore;
  /** Clock for the timestamp window, replies and the store (ms since the epoch). */
  now?: () => number;
  /** Refuses stale and replayed callbacks and limits users and the corp (default: in memory, 5-minute window). */
  guard?: DeliveryGuard;
  /** Told why a correctly signed callback was refused ('stale' points at a wrong server clock). */
  onRefusal?: (reason: 'stale' | 'replayed') => void;
  replyDeadlineMs?: number;
  /** Told of every answer computed (the query log). */
  onAnswer?: (answered: WechatAnswered<AnswerResult>) => void;
}

const signedQuery = z.object({
  msg_signature: z.string().regex(/^[0-9a-f]{40}$/i),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
});
// A "+" in an unencoded echostr arrives as a space; base64 has no spaces, so it is put back.
const verifyQuery = signedQuery.extend({ echostr: z.string().min(1).max(1024).transform((value) => value.replaceAll(' ', '+')) });

export function createWecomRoutes({
  answerer,
  config,
  now = Date.now,
  store = createWechatReplyStore({ now }),
  guard = createDeliveryGuard({ now, scope: 'work' }),
  onRefusal,
  replyDeadlineMs = WECHAT_REPLY_DEADLINE_MS,
  onAnswer,
}: WecomRoutesOptions) {
  const conversation = createWechatConversation({ answerer, store, answerText: answerWithNote, ...(onAnswer ? { onAnswer } : {}) });
  const keys = { encodingAESKey: config.encodingAESKey, receiveId: config.corpId };
  const refused = (c: { text: (body: string, status: 403) => Response }, reason: 'stale' | 'replayed') => {
    onRefusal?.(reason);
    return c.text(reason === 'stale' ? 'timestamp outside the allowed window' : 'nonce already used', 403);
  };

  return new Hono()
    .get('/', async (c) => {
      const query = verifyQuery.safeParse(c.req.query());
      if (!query.success) return c.text('bad request', 400);
      const { msg_signature: signature, timestamp, nonce, echostr } = query.data;
      if (!verifySignature({ token: config.token, timestamp, nonce, encrypt: echostr, signature })) return c.text('signature mismatch', 403);
      const verdict = await guard.checkDelivery({ timestamp, nonce, content: echostr });
      if (verdict === 'stale' || verdict === 'replayed') return refused(c, verdict);
      try {
        // The bare plaintext: no quotes, no newline.
        return c.text(decryptMessage(echostr, keys).message);
      } catch (error) {
        if (error instanceof WechatError) return c.text('refused', 403);
        throw error;
      }
    })
    .post('/', bodyLimit({ maxSize: DEFAULT_MAX_XML_BYTES, onError: (c) => c.text('payload too large', 413) }), async (c) => {
      const deadline = Date.now() + replyDeadlineMs;
      const query = signedQuery.safeParse(c.req.query());
      if (!query.success) return c.text('bad request', 400);
      const { msg_signature: signature, timestamp, nonce } = query.data;
      let message: InboundMessage;
      try {
        const body = await c.req.text();
        const { encrypt } = parseEncryptedEnvelope(body);
        if (!verifySignature({ token: config.token, timestamp, nonce, encrypt, signature })) return c.text('signature mismatch', 403);
        const verdict = await guard.checkDelivery({ timestamp, nonce, content: body });
        if (verdict === 'stale' || verdict === 'replayed') return refused(c, verdict);
        message = parseInboundMessage(decryptMessage(encrypt, keys).message);
      } catch (error) {
        if (error instanceof WechatError && (error.code === 'xml_forbidden_dtd' || error.code === 'xml_too_large' || error.code === 'xml_invalid')) {
          return c.text('refused', 400);
        }
        if (error instanceof WechatError) return c.text('refused', 403);
        throw error;
      }

      const rate = await guard.checkRate(message.fromUserName);
      let text: string | null;
      try {
        text = rate === 'ok' ? await conversation.reply(message, deadline) : RATE_LIMITED_REPLIES[rate];
      } catch {
        text = null;
      }
      // An empty body tells WeCom there is nothing to show.
      if (text === null) return c.body(null, 200);
      const createTime = Math.floor(now() / 1000);
      const xml = buildTextReply({
        toUserName: message.fromUserName,
        fromUserName: message.toUserName,
        content: text,
        createTime,
        ...(message.agentId !== undefined ? { agentId: message.agentId } : {}),
      });
      const encrypt = encryptMessage(xml, keys);
      const envelope = buildEncryptedReply({ encrypt, token: config.token, timestamp: String(createTime), nonce: String(randomInt(1e9, 1e10)) });
      return c.body(envelope, 200, { 'content-type': 'application/xml; charset=utf-8' });
    });
}
