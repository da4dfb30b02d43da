// The full application the server runs: the API, plus the OpenAI-compatible and WeChat routes when configured.
import { randomUUID } from 'node:crypto';
import type { Env, Hono } from 'hono';
import { createAnswerRecorder } from '@report-qa/feedback';
import { createDeliveryGuard } from '@report-qa/wechat';
import { createAnswerGate, gateAnswerer } from '@report-qa/library';
import { createApp } from './app.js';
import type { Engine } from '../config/engine.js';
import type { Logger } from '../config/logger.js';
import { documentWechatCallback } from './document-wechat-callback.js';
import { createOpenAICompatibleRoutes } from './openai-compatible.js';
import { createWechatMpRoutes, type WechatMpRoutesOptions } from './wechat-mp.js';
import { createWecomRoutes } from './wecom.js';

export function createServerApp(engine: Engine, logger: Logger) {
  const { config, answerer, library, answerLogging } = engine;
  // One admission gate for every channel: the HTTP answer routes (middleware) and WeChat/WeCom (a gated answerer).
  const gate = createAnswerGate({ maxWaitMs: config.answerMaxWaitMs });
  const wechatAnswerer = gateAnswerer(answerer, gate);
  const recordAnswer = createAnswerRecorder({ logging: answerLogging, onError: (error, answerId) => logger.warn({ err: error, answerId }, 'query log write failed') });
  const onWechatAnswer = (channel: 'wechat' | 'wecom') => ({ userId, ...answered }: Parameters<NonNullable<WechatMpRoutesOptions['onAnswer']>>[0]) =>
    recordAnswer({ id: randomUUID(), channel, user: userId, ...answered });
  const routes: Record<string, Hono<Env>> = {
    '/v1': createOpenAICompatibleRoutes({ answerer, apiKeys: config.apiKeys, recordAnswer }),
  };
  // A correctly signed callback refused as stale usually means this server's clock is wrong.
  const onRefusal = (route: string) => (reason: 'stale' | 'replayed') =>
    logger.warn({ route, reason, maxClockSkewSeconds: config.wechatGuard.maxClockSkewSeconds }, reason === 'stale' ? 'wechat callback refused: timestamp outside the window (check the server clock)' : 'wechat callback refused: nonce reused');
  if (config.wechat) {
    routes['/wechat/mp'] = createWechatMpRoutes({
      answerer: wechatAnswerer,
      config: config.wechat,
      guard: createDeliveryGuard({ ...config.wechatGuard, scope: 'mp', ...(engine.sharedWechat ? { store: engine.sharedWechat.guard } : {}) }),
      ...(engine.sharedWechat ? { store: engine.sharedWechat.replies('mp') } : {}),
      onRefusal: onRefusal('/wechat/mp'),
      onPushError: (error) => logger.warn({ err: error }, 'wechat customer-service push failed'),
      onAnswer: onWechatAnswer('wechat'),
    });
  }
  if (config.wecom) {
    routes['/wechat/work'] = createWecomRoutes({
      answerer: wechatAnswerer,
      config: config.wecom,
      onAnswer: onWechatAnswer('wecom'),
      guard: createDeliveryGuard({ ...config.wechatGuard, scope: 'work', ...(engine.sharedWechat ? { store: engine.sharedWechat.guard } : {}) }),
      ...(engine.sharedWechat ? { store: engine.sharedWechat.replies('work') } : {}),
      onRefusal: onRefusal('/wechat/work'),
    });
  }
  // The callbacks are plain Hono apps: mounted inside their OpenAPI description, they are in the document like every route.
  for (const [path, kind] of [['/wechat/mp', 'mp'], ['/wechat/work', 'work']] as const) {
    const callback = routes[path];
    if (callback) routes[path] = documentWechatCallback(callback, kind);
  }
  return createApp({ config, logger, library, answerer, answerLogging, routes, gate });
}
