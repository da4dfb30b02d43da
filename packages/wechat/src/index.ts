// Public exports of @report-qa/wechat.
export { WechatError, type WechatErrorCode } from './wechat-error.js';
export { safeEqual } from './safe-equal.js';
export { computeSignature, verifySignature, type SignatureInput } from './compute-signature.js';
export { pkcs7Pad, pkcs7Unpad, WECHAT_BLOCK_SIZE } from './pkcs7.js';
export {
  decodeAesKey,
  encryptMessage,
  decryptMessage,
  type EncryptOptions,
  type DecryptOptions,
  type DecryptedMessage,
} from './message-cipher.js';
export { parseMessageXml, DEFAULT_MAX_XML_BYTES } from './parse-message-xml.js';
export {
  parseInboundMessage,
  parseEncryptedEnvelope,
  messageKey,
  type InboundMessage,
  type EncryptedEnvelope,
} from './inbound-message.js';
export { buildTextReply, buildEncryptedReply, cdata, type TextReplyInput, type EncryptedReplyInput } from './build-reply.js';
export { stripMarkdown } from './strip-markdown.js';
export {
  paginateText,
  truncateUtf8,
  utf8ByteLength,
  WECHAT_TEXT_LIMIT_BYTES,
  CONTINUE_HINT,
  type PaginateOptions,
} from './paginate-text.js';
export {
  formatAnswerText,
  formatCitationFooter,
  withCitationFooter,
  withoutCitationFooter,
  citationLabel,
  type AnswerTextOptions,
  type CitationLike,
  type FooterOptions,
} from './format-answer-text.js';
export { createMemoryWechatGuardStore, type WechatGuardStore, type MemoryWechatGuardStoreOptions } from './wechat-guard-store.js';
export {
  createDeliveryGuard,
  isFreshTimestamp,
  DEFAULT_MAX_CLOCK_SKEW_SECONDS,
  RATE_LIMITED_REPLIES,
  type DeliveryGuard,
  type DeliveryGuardOptions,
  type DeliveryInput,
  type DeliveryVerdict,
  type RateVerdict,
} from './create-delivery-guard.js';
export type { ConversationTurn, WechatAnswer, WechatAnswerer, WechatAnswered } from './wechat-answerer.js';
export {
  createWechatReplyStore,
  DEFAULT_REPLY_TTL_MS,
  type MessageEntry,
  type UserState,
  type WechatReplyStore,
  type WechatReplyStoreOptions,
} from './wechat-reply-store.js';
export {
  createWechatConversation,
  WECHAT_REPLY_DEADLINE_MS,
  WECHAT_TEXTS,
  type WechatConversation,
  type WechatConversationOptions,
} from './wechat-conversation.js';
export {
  createWechatCustomerService,
  WECHAT_API_BASE,
  WechatApiError,
  type WechatCustomerService,
  type WechatCustomerServiceOptions,
} from './wechat-customer-service.js';
