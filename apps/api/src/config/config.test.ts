// Configuration checks that stop the start: combinations that would leave the service open or unusable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('stops READ_REQUIRES_KEY=1 without API_KEYS, naming both variables (issue 11, item 6)', () => {
    for (const environment of [{ READ_REQUIRES_KEY: '1' }, { READ_REQUIRES_KEY: 'true', API_KEYS: ' , ' }]) {
      expect(() => loadConfig(environment)).toThrow(ConfigError);
      expect(() => loadConfig(environment)).toThrow(/READ_REQUIRES_KEY, API_KEYS/);
    }
    expect(loadConfig({ READ_REQUIRES_KEY: '1', API_KEYS: 'sk-1' })).toMatchObject({ readRequiresKey: true, apiKeys: ['sk-1'] });
    expect(loadConfig({})).toMatchObject({ readRequiresKey: false, apiKeys: [] });
  });

  it('reads ALLOWED_HOSTS as lower-case names', () => {
    expect(loadConfig({ ALLOWED_HOSTS: 'QA.Intranet, reportqa.local:8080' }).allowedHosts).toEqual(['qa.intranet', 'reportqa.local:8080']);
  });

  it('reads the WeChat guard settings with their defaults, and refuses a window under 10 s', () => {
    expect(loadConfig({}).wechatGuard).toEqual({ maxClockSkewSeconds: 300, userMessagesPerMinute: 20, accountMessagesPerMinute: 600 });
    expect(loadConfig({ WECHAT_MAX_CLOCK_SKEW_SECONDS: '60', WECHAT_USER_MESSAGES_PER_MINUTE: '0' }).wechatGuard).toMatchObject({ maxClockSkewSeconds: 60, userMessagesPerMinute: 0 });
    expect(() => loadConfig({ WECHAT_MAX_CLOCK_SKEW_SECONDS: '0' })).toThrow(/WECHAT_MAX_CLOCK_SKEW_SECONDS/);
  });

  it('fetches a missing model on start unless CI is set or EMBEDDING_ALLOW_REMOTE=0, from HF_ENDPOINT into DATA_DIR/models', () => {
    const fetchOf = (environment: NodeJS.ProcessEnv) => {
      const embeddings = loadConfig(environment).embeddings;
      if (embeddings.provider !== 'local') throw new Error('expected the local provider');
      return embeddings.fetch;
    };
    expect(fetchOf({ DATA_DIR: '/srv/qa' })).toEqual({
      endpoint: 'https://huggingface.co',
      repository: 'Xenova/bge-small-zh-v1.5',
      modelDir: '/srv/qa/models',
      onStart: true,
    });
    expect(fetchOf({ HF_ENDPOINT: 'https://hf-mirror.com', EMBEDDING_MODEL_DIR: '/opt/models' })).toMatchObject({ endpoint: 'https://hf-mirror.com', modelDir: '/opt/models' });
    for (const off of [{ CI: 'true' }, { CI: '1', EMBEDDING_ALLOW_REMOTE: '1' }, { CI: 'woodpecker' }, { EMBEDDING_ALLOW_REMOTE: '0' }]) {
      expect(fetchOf(off).onStart, JSON.stringify(off)).toBe(false);
    }
    for (const on of [{ CI: 'false' }, { CI: '' }, { EMBEDDING_ALLOW_REMOTE: '1' }, { EMBEDDING_ALLOW_REMOTE: '' }]) {
      expect(fetchOf(on).onStart, JSON.stringify(on)).toBe(true);
    }
    expect(() => loadConfig({ HF_ENDPOINT: 'hf-mirror.com' })).toThrow(/HF_ENDPOINT/);
  });
});
