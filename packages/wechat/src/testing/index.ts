// Test helpers for WeChat integrations: the published vectors, requests shaped as WeChat sends them, a fake WeChat API and a fake answerer.
export * from './published-vectors.js';
export * from './wechat-requests.js';
export * from './fake-wechat-api.js';
export * from './fake-wechat-answerer.js';
