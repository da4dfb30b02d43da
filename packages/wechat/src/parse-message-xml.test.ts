// XML reading: CDATA optional, big MsgId kept exactly, hostile XML refused.
import { describe, expect, it } from 'vitest';
import { parseEncryptedEnvelope, parseInboundMessage, messageKey } from './inbound-message.js';
import { parseMessageXml } from './parse-message-xml.js';
import { testVectors } from './testing/published-vectors.js';

describe('parseMessageXml', () => {
  it('reads the decrypted vector messages with MsgId as an exact string', () => {
    const plaintexts = testVectors.flatMap((set) => set.cases.filter((item) => item.kind === 'decrypt').map((item) => item.expected_plaintext!));
    expect(plaintexts).toHaveLength(2);
    const first = parseInboundMessage(plaintexts[0]!);
    expect(first).toMatchObject({ msgType: 'text', content: 'abcdteT', msgId: '6054768590064713728', fromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs' });
    expect(Number(first.msgId) > Number.MAX_SAFE_INTEGER).toBe(true);
    const second = parseInboundMessage(plaintexts[1]!);
    expect(second).toMatchObject({ content: 'hello', msgId: '4561255354251345929', agentId: '218' });
    expect(messageKey(second)).toBe('id:4561255354251345929');
  });

  it('reads values without CDATA and decodes the predefined entities', () => {
    const fields = parseMessageXml('<xml><ToUserName>gh_1</ToUserName><Content>a &lt; b &amp;&#x4E2D;</Content><CreateTime>1</CreateTime></xml>');
    expect(fields).toEqual({ ToUserName: 'gh_1', Content: 'a < b &中', CreateTime: '1' });
  });

  it('keeps CDATA content literally', () => {
    expect(parseMessageXml('<xml><Content><![CDATA[<b>&amp;</b>]]></Content></xml>').Content).toBe('<b>&amp;</b>');
  });

  it('refuses DOCTYPE, ENTITY declarations and entity bombs', () => {
    const bomb =
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">]><xml><Content>&lol2;</Content></xml>';
    expect(() => parseMessageXml(bomb)).toThrowError(expect.objectContaining({ code: 'xml_forbidden_dtd' }));
    expect(() => parseMessageXml('<!doctype xml SYSTEM "file:///etc/passwd"><xml/>')).toThrowError(
      expect.objectContaining({ code: 'xml_forbidden_dtd' }),
    );
    // An undeclared entity is left as text, never resolved.
    expect(parseMessageXml('<xml><Content>&lol;</Content></xml>').Content).toBe('&lol;');
  });

  it('refuses oversize bodies and malformed XML', () => {
    const big = `<xml><Content>${'问'.repeat(30_000)}</Content></xml>`;
    expect(() => parseMessageXml(big)).toThrowError(expect.objectContaining({ code: 'xml_too_large' }));
    expect(() => parseMessageXml('<xml><A>1</A>')).toThrowError(expect.objectContaining({ code: 'xml_invalid' }));
    expect(() => parseMessageXml('<root/>')).toThrowError(expect.objectContaining({ code: 'xml_invalid' }));
  });

  it('validates required message fields', () => {
    expect(() => parseInboundMessage('<xml><MsgType>text</MsgType></xml>')).toThrowError(expect.objectContaining({ code: 'message_invalid' }));
  });

  it('keys events by sender and time', () => {
    const event = parseInboundMessage(
      '<xml><ToUserName>gh</ToUserName><FromUserName>u1</FromUserName><CreateTime>123</CreateTime><MsgType>event</MsgType><Event>subscribe</Event></xml>',
    );
    expect(messageKey(event)).toBe('ev:u1:123');
  });

  it('reads the safe-mode envelope', () => {
    expect(parseEncryptedEnvelope('<xml><ToUserName><![CDATA[wx]]></ToUserName><Encrypt><![CDATA[abc=]]></Encrypt><AgentID>218</AgentID></xml>')).toEqual({
      encrypt: 'abc=',
      toUserName: 'wx',
      agentId: '218',
    });
    expect(() => parseEncryptedEnvelope('<xml><ToUserName>wx</ToUserName></xml>')).toThrowError(expect.objectContaining({ code: 'message_invalid' }));
  });
});
