// Runs a CLI action with an engine built from the environment, closing it afterwards.
import { loadConfig, type AppConfig } from '../config/config.js';
import { createEngine, type Engine, type EngineOptions } from '../config/engine.js';

export async function withEngine<T>(options: EngineOptions, action: (engine: Engine) => Promise<T>, configure?: (config: AppConfig) => void): Promise<T> {
  const config = loadConfig();
  configure?.(config);
  const engine = await createEngine(config, { onNotice: (message) => process.stderr.write(`提示：${message}\n`), ...options });
  for (const warning of engine.warnings) process.stderr.write(`警告：${warning}\n`);
  try {
    return await action(engine);
  } finally {
    await engine.close();
  }
}
