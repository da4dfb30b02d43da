// Replies: text XML that reads back the same, and an encrypted envelope with a valid signature.
import { describe, expect, it } from 'vitest';
import { buildEncryptedReply, buildTextReply } from './build-reply.js';
import { verifySignature } from './compute-signature.js';
import { parseEncryptedEnvelope, parseInboundMessage } from './inbound-message.js';
import { parseMessageXml } from './parse-message-xml.js';

describe('buildTextReply', () => {
  it('builds a reply that parses back to the same content, even with "]]>" inside', () => {
    const content = '答案：a]]>b <c> & d\n第二行';
    const xml = buildTextReply({ toUserName: 'user', fromUserName: 'gh_1', content, createTime: 1700000000, agentId: '218' });
    const message = parseInboundMessage(xml);
    expect(message).toMatchObject({ toUserName: 'user', fromUserName: 'gh_1', msgType: 'text', content, createTime: '1700000000', agentId: '218' });
  });
});

describe('buildEncryptedReply', () => {
  it('signs the Encrypt value with token, timestamp and nonce', () => {
    const xml = buildEncryptedReply({ encrypt: 'QUJD', token: 'tok', timestamp: '1700000000', nonce: '42' });
    const envelope = parseEncryptedEnvelope(xml);
    const fields = parseMessageXml(xml);
    expect(envelope.encrypt).toBe('QUJD');
    expect(fields.TimeStamp).toBe('1700000000');
    expect(verifySignature({ token: 'tok', timestamp: '1700000000', nonce: '42', encrypt: 'QUJD', signature: fields.MsgSignature! })).toBe(true);
  });
});
