// Test helpers for WeChat integrations: the published vectors and requests shaped as WeChat sends them.
export * from './published-vectors.js';
export * from './wechat-requests.js';
