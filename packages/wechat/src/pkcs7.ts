// PKCS#7 to 32-byte blocks, done by hand: Node's cipher padding is fixed at the 16-byte AES block.
import { WechatError } from './wechat-error.js';

export const WECHAT_BLOCK_SIZE = 32;

export function pkcs7Pad(data: Buffer, blockSize = WECHAT_BLOCK_SIZE): Buffer {
  const amount = blockSize - (data.length % blockSize);
  return Buffer.concat([data, Buffer.alloc(amount, amount)]);
}

/** Removes and checks the padding; every pad byte must equal the pad length (1..blockSize). */
export function pkcs7Unpad(data: Buffer, blockSize = WECHAT_BLOCK_SIZE): { data: Buffer; padding: number } {
  const amount = data.length > 0 ? data[data.length - 1]! : 0;
  if (amount < 1 || amount > blockSize || amount > data.length) {
    throw new WechatError('invalid_padding', 'Invalid PKCS#7 padding');
  }
  for (let index = data.length - amount; index < data.length; index += 1) {
    if (data[index] !== amount) throw new WechatError('invalid_padding', 'Invalid PKCS#7 padding');
  }
  return { data: data.subarray(0, data.length - amount), padding: amount };
}
