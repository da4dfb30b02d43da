// Inbound callback messages: the envelope of safe mode and the decrypted (or plain) message, validated.
import { z } from 'zod';
import { parseMessageXml } from './parse-message-xml.js';
import { WechatError } from './wechat-error.js';

const digits = z.string().regex(/^\d{1,20}$/);

const inboundMessageSchema = z.object({
  ToUserName: z.string().min(1).max(128),
  FromUserName: z.string().min(1).max(128),
  CreateTime: digits,
  MsgType: z.string().min(1).max(32),
  Content: z.string().optional(),
  MsgId: digits.optional(),
  Event: z.string().max(64).optional(),
  EventKey: z.string().optional(),
  AgentID: z.string().max(32).optional(),
  Recognition: z.string().optional(),
});

export interface InboundMessage {
  toUserName: string;
  fromUserName: string;
  createTime: string;
  /** text, image, voice, video, shortvideo, location, link, event, … */
  msgType: string;
  content?: string;
  /** Kept as a string: it exceeds Number.MAX_SAFE_INTEGER. */
  msgId?: string;
  event?: string;
  eventKey?: string;
  agentId?: string;
  /** Speech recognition text of a voice message, when the account has it enabled. */
  recognition?: string;
  /** Every top-level field as received. */
  fields: Record<string, string>;
}

/** Parses a plain (or decrypted) message. */
export function parseInboundMessage(xml: string, options?: { maxBytes?: number }): InboundMessage {
  const fields = parseMessageXml(xml, options);
  const parsed = inboundMessageSchema.safeParse(fields);
  if (!parsed.success) {
    throw new WechatError('message_invalid', `Invalid message: ${parsed.error.issues.map((issue) => issue.path.join('.')).join(', ')}`, {
      cause: parsed.error,
    });
  }
  const m = parsed.data;
  return {
    toUserName: m.ToUserName,
    fromUserName: m.FromUserName,
    createTime: m.CreateTime,
    msgType: m.MsgType,
    ...(m.Content !== undefined ? { content: m.Content } : {}),
    ...(m.MsgId !== undefined ? { msgId: m.MsgId } : {}),
    ...(m.Event !== undefined ? { event: m.Event } : {}),
    ...(m.EventKey !== undefined ? { eventKey: m.EventKey } : {}),
    ...(m.AgentID !== undefined ? { agentId: m.AgentID } : {}),
    ...(m.Recognition !== undefined ? { recognition: m.Recognition } : {}),
    fields,
  };
}

export interface EncryptedEnvelope {
  encrypt: string;
  toUserName?: string;
  agentId?: string;
}

const envelopeSchema = z.object({
  Encrypt: z.string().min(1).max(60_000),
  ToUserName: z.string().optional(),
  AgentID: z.string().optional(),
});

/** Reads the safe-mode envelope `<xml><ToUserName/><Encrypt/></xml>`. */
export function parseEncryptedEnvelope(xml: string, options?: { maxBytes?: number }): EncryptedEnvelope {
  const parsed = envelopeSchema.safeParse(parseMessageXml(xml, options));
  if (!parsed.success) throw new WechatError('message_invalid', 'The safe-mode message has no Encrypt field', { cause: parsed.error });
  const { Encrypt, ToUserName, AgentID } = parsed.data;
  return {
    encrypt: Encrypt.trim(),
    ...(ToUserName !== undefined ? { toUserName: ToUserName } : {}),
    ...(AgentID !== undefined ? { agentId: AgentID } : {}),
  };
}

/** The key that makes retries of one message recognisable: MsgId, or FromUserName + CreateTime for events. */
export function messageKey(message: InboundMessage): string {
  return message.msgId ? `id:${message.msgId}` : `ev:${message.fromUserName}:${message.createTime}`;
}
