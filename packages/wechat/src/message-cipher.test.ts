// AES safe mode against the Tencent and WeCom vectors, wechatpy's published values, and tampering.
import { describe, expect, it } from 'vitest';
import { computeSignature } from './compute-signature.js';
import { decodeAesKey, decryptMessage, encryptMessage } from './message-cipher.js';
import { testVectors } from './testing/published-vectors.js';
import { WechatError } from './wechat-error.js';

const encryptedCases = testVectors.flatMap((set) =>
  set.cases
    .filter((item) => item.kind === 'decrypt' || item.kind === 'verify_url')
    .map((item) => ({ name: `${set.id} ${item.kind}`, set, item, encrypted: item.encrypt ?? item.echostr! })),
);

describe('decryptMessage with the published vectors', () => {
  it('covers the 32-byte padding case', () => {
    expect(encryptedCases.map(({ item }) => item.expected_pad)).toContain(30);
  });

  it.each(encryptedCases)('$name', ({ set, item, encrypted }) => {
    const result = decryptMessage(encrypted, { encodingAESKey: set.encodingAESKey!, receiveId: set.receiveId! });
    expect(result.message).toBe(item.expected_plaintext);
    expect(result.receiveId).toBe(set.receiveId);
    // The published random prefixes are 16 ASCII characters.
    expect(result.random.toString('latin1')).toBe(item.expected_random);
    if (item.expected_msg_len !== undefined) expect(Buffer.byteLength(result.message)).toBe(item.expected_msg_len);
    if (item.expected_pad !== undefined) expect(result.padding).toBe(item.expected_pad);
    // Re-encrypting with the same random prefix gives back the published ciphertext.
    expect(encryptMessage(result.message, { encodingAESKey: set.encodingAESKey!, receiveId: set.receiveId!, random: result.random })).toBe(
      encrypted,
    );
  });

  it.each(encryptedCases)('$name: a wrong appid/corpid is rejected', ({ set, encrypted }) => {
    const wrong = `${set.receiveId!.slice(0, -1)}x`;
    expect(() => decryptMessage(encrypted, { encodingAESKey: set.encodingAESKey!, receiveId: wrong })).toThrowError(
      expect.objectContaining({ code: 'receive_id_mismatch' }),
    );
  });

  it.each(encryptedCases)('$name: a changed last block does not decrypt to the message', ({ set, item, encrypted }) => {
    const index = encrypted.replace(/=+$/, '').length - 3;
    const tampered = encrypted.slice(0, index) + (encrypted[index] === 'A' ? 'B' : 'A') + encrypted.slice(index + 1);
    let outcome: string;
    try {
      outcome = decryptMessage(tampered, { encodingAESKey: set.encodingAESKey!, receiveId: set.receiveId! }).message;
    } catch (error) {
      expect(error).toBeInstanceOf(WechatError);
      outcome = 'rejected';
    }
    expect(outcome).not.toBe(item.expected_plaintext);
  });
});

// wechatpy/wechatpy tests/test_crypto.py (WeCom): published inputs and outputs, checked separately.
describe('wechatpy vectors', () => {
  const token = '123456';
  const encodingAESKey = 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
  const corpId = 'wx49f0ab532d5d035a';

  it('encrypts a reply exactly as wechatpy does with a fixed random prefix', () => {
    const reply =
      '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>';
    const encrypted = encryptMessage(reply, { encodingAESKey, receiveId: corpId, random: Buffer.from('1234567890123456') });
    expect(encrypted).toBe(
      '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
    );
    expect(computeSignature(token, '1411525903', '461056294', encrypted)).toBe('407518b7649e86ef23978113f92d27afa9296533');
  });

  it('decrypts the published message and checks its signature', () => {
    const encrypted =
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=';
    expect(computeSignature(token, '1411525903', '461056294', encrypted)).toBe('74d92dfeb87ba7c714f89d98870ae5eb62dff26d');
    const { message } = decryptMessage(encrypted, { encodingAESKey, receiveId: corpId });
    expect(message).toContain('<Content><![CDATA[test]]></Content>');
    expect(message).toContain('<FromUserName><![CDATA[messense]]></FromUserName>');
  });

  it('checks the URL-verification signature (and a changed nonce fails)', () => {
    const echo = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==';
    expect(computeSignature(token, '1411443780', '437374425', echo)).toBe('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96');
    expect(computeSignature(token, '1411443780', '437374424', echo)).not.toBe('dd6b9c95b495b3f7e2901bfbc76c664930ffdb96');
    expect(decryptMessage(echo, { encodingAESKey, receiveId: corpId }).message.length).toBeGreaterThan(0);
  });
});

describe('encryptMessage', () => {
  const options = { encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', receiveId: 'wx2c2769f8efd9abc2' };

  it('round-trips Chinese text for every padding length', () => {
    for (let length = 0; length < 40; length += 1) {
      const message = `问${'题'.repeat(length)}x`.slice(0, length + 1);
      const encrypted = encryptMessage(message, options);
      expect(Buffer.from(encrypted, 'base64').length % 32).toBe(0);
      expect(decryptMessage(encrypted, options).message).toBe(message);
    }
  });

  it('refuses a key that is not 43 characters', () => {
    expect(() => decodeAesKey('short')).toThrowError(expect.objectContaining({ code: 'invalid_aes_key' }));
  });

  it('refuses ciphertext that is not base64 or not whole blocks', () => {
    expect(() => decryptMessage('not base64!', options)).toThrowError(expect.objectContaining({ code: 'invalid_ciphertext' }));
    expect(() => decryptMessage(Buffer.alloc(16).toString('base64'), options)).toThrowError(
      expect.objectContaining({ code: 'invalid_ciphertext' }),
    );
  });
});
