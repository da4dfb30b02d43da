// The one error class of @report-qa/wechat: every failure carries a stable code.
export type WechatErrorCode =
  | 'invalid_aes_key'
  | 'invalid_ciphertext'
  | 'invalid_padding'
  | 'invalid_length'
  | 'receive_id_mismatch'
  | 'signature_mismatch'
  | 'xml_too_large'
  | 'xml_forbidden_dtd'
  | 'xml_invalid'
  | 'message_invalid';

export class WechatError extends Error {
  override name = 'WechatError';
  constructor(
    readonly code: WechatErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
