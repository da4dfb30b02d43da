// Safe-mode (AES-256-CBC) encryption of WeChat and WeCom messages with the appid/corpid check.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { pkcs7Pad, pkcs7Unpad } from './pkcs7.js';
import { safeEqual } from './safe-equal.js';
import { WechatError } from './wechat-error.js';

/** The AES key is the base64 decoding of the 43-character EncodingAESKey plus "="; IV is its first 16 bytes. */
export function decodeAesKey(encodingAESKey: string): Buffer {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (encodingAESKey.length !== 43 || key.length !== 32) {
    throw new WechatError('invalid_aes_key', 'EncodingAESKey must be 43 base64 characters (32 bytes)');
  }
  return key;
}

export interface EncryptOptions {
  encodingAESKey: string;
  /** appid (Official Account) or corpid (WeCom), appended to the plaintext. */
  receiveId: string;
  /** 16 random bytes; fixed only in tests. */
  random?: Buffer;
}

/** Plaintext layout: 16 random bytes, 4-byte big-endian message length, message, receiveId. */
export function encryptMessage(message: string, { encodingAESKey, receiveId, random }: EncryptOptions): string {
  const key = decodeAesKey(encodingAESKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const prefix = random ?? randomBytes(16);
  if (prefix.length !== 16) throw new WechatError('invalid_length', 'The random prefix must be 16 bytes');
  const plain = pkcs7Pad(Buffer.concat([prefix, length, body, Buffer.from(receiveId, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

export interface DecryptOptions {
  encodingAESKey: string;
  /** When given, a message for another appid/corpid is rejected. */
  receiveId?: string;
}

export interface DecryptedMessage {
  message: string;
  receiveId: string;
  random: Buffer;
  /** Pad length that was removed (1..32). */
  padding: number;
}

export function decryptMessage(encrypted: string, { encodingAESKey, receiveId }: DecryptOptions): DecryptedMessage {
  const key = decodeAesKey(encodingAESKey);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypted)) throw new WechatError('invalid_ciphertext', 'Ciphertext is not base64');
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 32 !== 0) {
    throw new WechatError('invalid_ciphertext', 'Ciphertext length is not a multiple of 32 bytes');
  }
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
    decipher.setAutoPadding(false);
    plain = Buffer.concat([decipher.update(data), decipher.final()]);
  } catch (error) {
    throw new WechatError('invalid_ciphertext', 'Ciphertext could not be decrypted', { cause: error });
  }
  const { data: content, padding } = pkcs7Unpad(plain);
  if (content.length < 20) throw new WechatError('invalid_length', 'Decrypted content is too short');
  const length = content.readUInt32BE(16);
  if (20 + length > content.length) throw new WechatError('invalid_length', 'Message length exceeds the content');
  const message = content.subarray(20, 20 + length).toString('utf8');
  const foundId = content.subarray(20 + length).toString('utf8');
  if (receiveId !== undefined && !safeEqual(foundId, receiveId)) {
    throw new WechatError('receive_id_mismatch', 'The message is addressed to another appid/corpid');
  }
  return { message, receiveId: foundId, random: content.subarray(0, 16), padding };
}
