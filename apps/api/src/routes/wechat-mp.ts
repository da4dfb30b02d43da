// /wechat/mp: the WeChat Official Account (公众号) callback, plain and safe (AES) mode, answering within WeChat's 5 seconds.
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
  createWechatCustomerService,
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

export interface WechatMpRoutesOptions {
  answerer: Answerer;
  config: NonNullable<AppConfig['wechat']>;
  store?: WechatReplyStore;
  /** Clock for the timestamp window, reply CreateTime/TimeStamp and the store (ms since the epoch). */
  now?: () => number;
  /** Refuses stale and replayed callbacks and limits users and the account (default: in memory, 5-minute window). */
  guard?: DeliveryGuard;
  /** Told why a correctly signed callback was refused ('stale' points at a wrong server clock). */
  onRefusal?: (reason: 'stale' | 'replayed') => void;
  /** Used for the access_token and customer-service calls (tests point it at a loopback fake). */
  fetch?: typeof fetch;
  replyDeadlineMs?: number;
  /** Told about failed pushes; the answer then waits for the user's next message. */
  onPushError?: (error: unknown) => void;
  /** Told of every answer computed (the query log). */
  onAnswer?: (answered: WechatAnswered<AnswerResult>) => void;
}

const signedQuery = z.object({
  signature: z.string().regex(/^[0-9a-f]{40}$/i),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().min(1).max(64),
});
const verifyQuery = signedQuery.extend({ echostr: z.string().min(1).max(512) });
const messageQuery = signedQuery.extend({
  encrypt_type: z.enum(['raw', 'aes']).optional(),
  msg_signature: z.string().regex(/^[0-9a-f]{40}$/i).optional(),
});

const success = 'success';

export function createWechatMpRoutes({
  answerer,
  config,
  now = Date.now,
  store = createWechatReplyStore({ now }),
  guard = createDeliveryGuard({ now, scope: 'mp' }),
  onRefusal,
  fetch: fetchImpl,
  replyDeadlineMs = WECHAT_REPLY_DEADLINE_MS,
  onPushError,
  onAnswer,
}: WechatMpRoutesOptions) {
  const customerService =
    config.appId && config.appSecret
      ? createWechatCustomerService({ appId: config.appId, appSecret: config.appSecret, now, ...(fetchImpl ? { fetch: fetchImpl } : {}) })
      : null;
  const conversation = createWechatConversation({
    answerer,
    store,
    // A fallback answer says why it replaced the LLM's, as on every text channel.
    answerText: answerWithNote,
    ...(customerService ? { push: (userId: string, text: string) => customerService.sendText(userId, text) } : {}),
    ...(onPushError ? { onPushError } : {}),
    ...(onAnswer ? { onAnswer } : {}),
  });
  const forbidden = (c: { text: (body: string, status: 403) => Response }) => c.text('signature mismatch', 403);
  const refused = (c: { text: (body: string, status: 403) => Response }, reason: 'stale' | 'replayed') => {
    onRefusal?.(reason);
    return c.text(reason === 'stale' ? 'timestamp outside the allowed window' : 'nonce already used', 403);
  };

  return new Hono()
    .get('/', async (c) => {
      const query = verifyQuery.safeParse(c.req.query());
      if (!query.success) return c.text('bad request', 400);
      const { signature, timestamp, nonce, echostr } = query.data;
      if (!verifySignature({ token: config.token, timestamp, nonce, signature })) return forbidden(c);
      const verdict = await guard.checkDelivery({ timestamp, nonce, content: echostr });
      if (verdict === 'stale' || verdict === 'replayed') return refused(c, verdict);
      return c.text(echostr);
    })
    .post(
      '/',
      bodyLimit({ maxSize: DEFAULT_MAX_XML_BYTES, onError: (c) => c.text('payload too large', 413) }),
      async (c) => {
        const deadline = Date.now() + replyDeadlineMs;
        const query = messageQuery.safeParse(c.req.query());
        if (!query.success) return c.text('bad request', 400);
        const { signature, timestamp, nonce, encrypt_type: encryptType, msg_signature: msgSignature } = query.data;
        // Every request is checked before its body is even read: nothing is computed for a forged one.
        if (!verifySignature({ token: config.token, timestamp, nonce, signature })) return forbidden(c);

        const safeMode = encryptType === 'aes';
        let message: InboundMessage;
        try {
          const body = await c.req.text();
          let encrypt: string | null = null;
          if (safeMode) {
            if (!config.encodingAESKey || !config.appId || !msgSignature) return forbidden(c);
            encrypt = parseEncryptedEnvelope(body).encrypt;
            if (!verifySignature({ token: config.token, timestamp, nonce, encrypt, signature: msgSignature })) return forbidden(c);
          }
          // Signed, but maybe long ago or already used: plain mode signs no body, so a reused nonce could carry anything.
          const verdict = await guard.checkDelivery({ timestamp, nonce, content: body });
          if (verdict === 'stale' || verdict === 'replayed') return refused(c, verdict);
          message = encrypt
            ? parseInboundMessage(decryptMessage(encrypt, { encodingAESKey: config.encodingAESKey!, receiveId: config.appId! }).message)
            : parseInboundMessage(body);
        } catch (error) {
          if (error instanceof WechatError && error.code === 'receive_id_mismatch') return forbidden(c);
          if (error instanceof WechatError && (error.code === 'xml_forbidden_dtd' || error.code === 'xml_too_large')) {
            return c.text('refused', 400);
          }
          // Signed by WeChat but not understood: `success` keeps 「该公众号暂时无法提供服务」 away.
          return c.text(success);
        }

        const rate = await guard.checkRate(message.fromUserName);
        let text: string | null;
        try {
          text = rate === 'ok' ? await conversation.reply(message, deadline) : RATE_LIMITED_REPLIES[rate];
        } catch {
          text = null;
        }
        if (text === null) return c.text(success);
        const createTime = Math.floor(now() / 1000);
        const xml = buildTextReply({ toUserName: message.fromUserName, fromUserName: message.toUserName, content: text, createTime });
        if (!safeMode) return c.body(xml, 200, { 'content-type': 'application/xml; charset=utf-8' });
        const encrypt = encryptMessage(xml, { encodingAESKey: config.encodingAESKey!, receiveId: config.appId! });
        const envelope = buildEncryptedReply({ encrypt, token: config.token, timestamp: String(createTime), nonce: String(randomInt(1e9, 1e10)) });
        return c.body(envelope, 200, { 'content-type': 'application/xml; charset=utf-8' });
      },
    );
}
