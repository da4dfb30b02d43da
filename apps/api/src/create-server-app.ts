// The full application the server runs: the API, plus the OpenAI-compatible and WeChat routes when configured.
import type { Hono } from 'hono';
import { createApp } from './app.js';
import type { Engine } from './engine.js';
import type { Logger } from './logger.js';
import { createOpenAICompatibleRoutes } from './routes/openai-compatible.js';
import { createWechatMpRoutes } from './routes/wechat-mp.js';
import { createWecomRoutes } from './routes/wecom.js';

export function createServerApp(engine: Engine, logger: Logger) {
  const { config, answerer, library } = engine;
  const routes: Record<string, Hono> = {
    '/v1': createOpenAICompatibleRoutes({ answerer, apiKeys: config.apiKeys }),
  };
  if (config.wechat) {
    routes['/wechat/mp'] = createWechatMpRoutes({
      answerer,
      config: config.wechat,
      onPushError: (error) => logger.warn({ err: error }, 'wechat customer-service push failed'),
    });
  }
  if (config.wecom) routes['/wechat/work'] = createWecomRoutes({ answerer, config: config.wecom });
  return createApp({ config, logger, library, answerer, routes });
}
