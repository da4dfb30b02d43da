// The OpenAPI description of the WeChat callbacks (Official Account, WeCom), whose routes are plain Hono apps taking and answering XML.
import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { Env, Hono } from 'hono';

const callbacks = {
  mp: {
    name: '微信公众号',
    verify: z.object({ signature: z.string(), timestamp: z.string(), nonce: z.string(), echostr: z.string() }),
    message: z.object({
      signature: z.string(),
      timestamp: z.string(),
      nonce: z.string(),
      encrypt_type: z.enum(['raw', 'aes']).optional(),
      msg_signature: z.string().optional(),
    }),
    reply: '被动回复消息（安全模式下为加密信封）；答不出时为 success',
  },
  work: {
    name: '企业微信',
    verify: z.object({ msg_signature: z.string(), timestamp: z.string(), nonce: z.string(), echostr: z.string() }),
    message: z.object({ msg_signature: z.string(), timestamp: z.string(), nonce: z.string() }),
    reply: '加密的被动回复消息；没有可显示的内容时为空',
  },
} as const;

/** `callback` mounted in an OpenAPIHono app that describes its two routes, so that mounting it puts them in the document. */
export function documentWechatCallback(callback: Hono<Env>, kind: keyof typeof callbacks): OpenAPIHono {
  const { name, verify, message, reply } = callbacks[kind];
  const app = new OpenAPIHono();
  const tags = ['微信'];
  const refused = { 400: { description: '参数或 XML 不合规' }, 403: { description: '签名不符、时间戳超出窗口或 nonce 重复' } };
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/',
    tags,
    summary: `${name}服务器地址验证（回调地址配置时由微信调用）`,
    request: { query: verify },
    responses: { 200: { description: '验证通过：echostr（企业微信为解密后的明文）', content: { 'text/plain': { schema: z.string() } } }, ...refused },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/',
    tags,
    summary: `${name}消息回调：用户发来的问题，回答为被动回复`,
    request: { query: message, body: { required: true, content: { 'application/xml': { schema: z.string() } } } },
    responses: { 200: { description: reply, content: { 'application/xml': { schema: z.string() } } }, ...refused, 413: { description: 'XML 过大' } },
  });
  return app.route('/', callback);
}
