// Configuration: parsed once at start-up from the environment with one zod schema.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HUB_ENDPOINT, defaultModelRepository } from '@report-qa/retrieval';
import { z } from 'zod';

/** The repository root: this file lives at apps/api/{src,dist}/config.*. */
export const repositoryRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const list = z
  .string()
  .optional()
  .transform((value) => (value ?? '').split(',').map((item) => item.trim()).filter(Boolean));
const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === '1' || value === 'true' || value === 'yes');
const integer = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const environmentSchema = z.object({
  PORT: integer(3000, 0, 65535),
  HOST: z.string().default('127.0.0.1'),
  DATA_DIR: optionalString,
  REPORTS_DIR: optionalString,
  INDEX_DIR: optionalString,
  DATABASE_URL: optionalString.refine((value) => value === undefined || /^postgres(ql)?:\/\//.test(value), '必须是 postgres:// 或 postgresql:// 开头的连接串'),
  WEB_DIST_DIR: optionalString,
  INDICATORS_FILE: optionalString,
  EMBEDDING_PROVIDER: z.enum(['local', 'openai', 'none']).default('local'),
  EMBEDDING_MODEL_DIR: optionalString,
  EMBEDDING_MODEL: z.string().default('bge-small-zh-v1.5'),
  // Unset: fetch a missing model on start unless CI is set; 1: fetch; 0: never.
  EMBEDDING_ALLOW_REMOTE: z.enum(['1', '0', 'true', 'false', 'yes', 'no', '']).optional(),
  HF_ENDPOINT: z.url().default(DEFAULT_HUB_ENDPOINT),
  CI: z.string().optional(),
  EMBEDDING_BASE_URL: z.url().optional(),
  EMBEDDING_API_KEY: optionalString,
  EMBEDDING_DIMENSIONS: z.coerce.number().int().positive().optional(),
  EMBEDDING_WORKERS: integer(1, 1, 64),
  EMBEDDING_THREADS: integer(0, 0, 64),
  EMBEDDING_QUERY_BATCH: integer(1, 1, 64),
  ANSWER_WORKERS: z.coerce.number().int().min(0).max(64).optional(),
  ANSWER_EMBEDDING: z.enum(['in-thread', 'worker']).default('in-thread'),
  ANSWER_MAX_WAIT_MS: integer(2500, 0, 600_000),
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: optionalString,
  LLM_MODEL: optionalString,
  LLM_TIMEOUT_MS: integer(8000, 100, 600_000),
  API_KEYS: list,
  READ_REQUIRES_KEY: flag,
  ALLOWED_HOSTS: list,
  CORS_ORIGINS: list,
  MAX_BODY_BYTES: integer(1024 * 1024, 1024, 1024 * 1024 * 1024),
  MAX_UPLOAD_BYTES: integer(20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
  MAX_REPORT_CHARACTERS: integer(500_000, 1000, 100_000_000),
  EXTRACT_TIMEOUT_MS: integer(60_000, 100, 3_600_000),
  EXTRACT_MEMORY_MB: integer(512, 32, 16_384),
  REQUEST_TIMEOUT_MS: integer(60_000, 1000, 3_600_000),
  RATE_LIMIT_PER_MINUTE: integer(120, 0, 1_000_000),
  QUERY_LOG_SECRET: optionalString,
  QUERY_LOG_RETENTION_DAYS: integer(90, 1, 36_500),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WECHAT_TOKEN: optionalString,
  WECHAT_APP_ID: optionalString,
  WECHAT_ENCODING_AES_KEY: optionalString,
  WECHAT_APP_SECRET: optionalString,
  WECOM_TOKEN: optionalString,
  WECOM_CORP_ID: optionalString,
  WECOM_ENCODING_AES_KEY: optionalString,
  WECHAT_MAX_CLOCK_SKEW_SECONDS: integer(300, 10, 86_400),
  WECHAT_USER_MESSAGES_PER_MINUTE: integer(20, 0, 100_000),
  WECHAT_ACCOUNT_MESSAGES_PER_MINUTE: integer(600, 0, 1_000_000),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  reportsDir: string;
  indexDir: string;
  /** PostgreSQL + pgvector instead of the files in indexDir (several API processes share it), or null. */
  databaseUrl: string | null;
  webDistDir: string;
  /** The indicator list (JSON shaped like packages/indicators/indicators.json); null for the bundled one. */
  indicatorsFile: string | null;
  embeddings:
    | {
        provider: 'local';
        modelDir: string | null;
        model: string;
        /** Where a missing model is fetched from and to; onStart: `serve` fetches it before indexing. */
        fetch: { endpoint: string; repository: string; modelDir: string; onStart: boolean };
        /** Worker threads, ONNX intra-op threads each (0 = runtime's choice), queries per inference call under load. */
        workers: number;
        /** In the calling thread instead of workers (set for the answer pool's threads only, see answerEmbedding). */
        inThread?: boolean;
        threads: number;
        queryBatch: number;
      }
    | { provider: 'openai'; baseURL: string; apiKey: string; model: string; dimensions: number | undefined }
    | { provider: 'none' };
  llm: { baseURL: string; apiKey: string; model: string; timeoutMs: number } | null;
  apiKeys: string[];
  readRequiresKey: boolean;
  /** Host names (beyond loopback ones) under which the keyless app may write; see middleware/check-same-origin.ts. */
  allowedHosts: string[];
  corsOrigins: string[];
  maxBodyBytes: number;
  maxUploadBytes: number;
  /** Limits on turning an upload into text: longest text, and the worker thread's time and heap. */
  extraction: { maxCharacters: number; timeoutMs: number; maxMemoryMb: number };
  requestTimeoutMs: number;
  /**
   * Worker threads that compute answers for `serve`, each with its own index handle and model (0 = the main thread;
   * default one per core up to four, on two cores or more).
   */
  answerWorkers: number;
  /**
   * Where each answer worker runs its model: in itself ('in-thread', the default: measured faster on two cores, one
   * thread per core and no hand-off per question) or in embedding worker threads of its own ('worker', EMBEDDING_WORKERS).
   */
  answerEmbedding: 'in-thread' | 'worker';
  /** Longest an answer may wait in the queue: past it, a fast 503 with Retry-After (0 = never shed). */
  answerMaxWaitMs: number;
  rateLimitPerMinute: number;
  logLevel: Environment['LOG_LEVEL'];
  /** The query log: days answers are kept, and the secret of the identifier hashes (generated and kept in INDEX_DIR when null). */
  queryLog: { retentionDays: number; secret: string | null };
  wechat: { token: string; appId: string | null; encodingAESKey: string | null; appSecret: string | null } | null;
  wecom: { token: string; corpId: string; encodingAESKey: string } | null;
  /** Replay window and rate limits of the WeChat and WeCom callbacks. */
  wechatGuard: { maxClockSkewSeconds: number; userMessagesPerMinute: number; accountMessagesPerMinute: number };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const problems: string[] = [];
  const dataDir = resolve(env.DATA_DIR ?? resolve(repositoryRoot, 'data'));

  let embeddings: AppConfig['embeddings'];
  if (env.EMBEDDING_PROVIDER === 'openai') {
    if (!env.EMBEDDING_BASE_URL) problems.push('EMBEDDING_BASE_URL: required when EMBEDDING_PROVIDER=openai');
    embeddings = {
      provider: 'openai',
      baseURL: env.EMBEDDING_BASE_URL ?? '',
      apiKey: env.EMBEDDING_API_KEY ?? 'none',
      model: env.EMBEDDING_MODEL,
      dimensions: env.EMBEDDING_DIMENSIONS,
    };
  } else if (env.EMBEDDING_PROVIDER === 'local') {
    const modelDir = env.EMBEDDING_MODEL_DIR ? resolve(env.EMBEDDING_MODEL_DIR) : defaultModelDir(dataDir);
    embeddings = {
      provider: 'local',
      modelDir,
      model: env.EMBEDDING_MODEL,
      // Transformers.js never downloads by itself (docs/decisions/model-fetch-on-start.md).
      fetch: {
        endpoint: env.HF_ENDPOINT,
        repository: defaultModelRepository(env.EMBEDDING_MODEL),
        modelDir: env.EMBEDDING_MODEL_DIR ? resolve(env.EMBEDDING_MODEL_DIR) : resolve(dataDir, 'models'),
        onStart: fetchOnStart(env),
      },
      workers: env.EMBEDDING_WORKERS,
      threads: env.EMBEDDING_THREADS,
      queryBatch: env.EMBEDDING_QUERY_BATCH,
    };
  } else {
    embeddings = { provider: 'none' };
  }

  const llmFields = [env.LLM_BASE_URL, env.LLM_MODEL];
  if (llmFields.some(Boolean) && !llmFields.every(Boolean)) {
    problems.push('LLM_BASE_URL, LLM_MODEL: set both to use an LLM, or neither for extractive answers');
  }
  const wechatFields = [env.WECHAT_TOKEN];
  if (env.WECHAT_ENCODING_AES_KEY && !env.WECHAT_APP_ID) problems.push('WECHAT_APP_ID: required with WECHAT_ENCODING_AES_KEY');
  const wecomFields = [env.WECOM_TOKEN, env.WECOM_CORP_ID, env.WECOM_ENCODING_AES_KEY];
  if (wecomFields.some(Boolean) && !wecomFields.every(Boolean)) {
    problems.push('WECOM_TOKEN, WECOM_CORP_ID, WECOM_ENCODING_AES_KEY: set all three to enable WeCom');
  }
  for (const key of [env.WECHAT_ENCODING_AES_KEY, env.WECOM_ENCODING_AES_KEY]) {
    if (key && key.length !== 43) problems.push('ENCODING_AES_KEY: must be 43 characters');
  }
  if (env.READ_REQUIRES_KEY && env.API_KEYS.length === 0) {
    problems.push('READ_REQUIRES_KEY, API_KEYS: READ_REQUIRES_KEY=1 closes reads to clients without a key, but API_KEYS sets none — set API_KEYS too, or unset READ_REQUIRES_KEY');
  }
  if (env.QUERY_LOG_SECRET && env.QUERY_LOG_SECRET.length < 16) problems.push('QUERY_LOG_SECRET: must be at least 16 characters');
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);

  return {
    port: env.PORT,
    host: env.HOST,
    dataDir,
    reportsDir: resolve(env.REPORTS_DIR ?? resolve(dataDir, 'reports')),
    indexDir: resolve(env.INDEX_DIR ?? resolve(dataDir, 'index')),
    databaseUrl: env.DATABASE_URL ?? null,
    webDistDir: resolve(env.WEB_DIST_DIR ?? resolve(repositoryRoot, 'apps/web/dist')),
    indicatorsFile: env.INDICATORS_FILE ? resolve(env.INDICATORS_FILE) : null,
    embeddings,
    llm:
      env.LLM_BASE_URL && env.LLM_MODEL
        ? { baseURL: env.LLM_BASE_URL, apiKey: env.LLM_API_KEY ?? 'none', model: env.LLM_MODEL, timeoutMs: env.LLM_TIMEOUT_MS }
        : null,
    apiKeys: env.API_KEYS,
    readRequiresKey: env.READ_REQUIRES_KEY,
    allowedHosts: env.ALLOWED_HOSTS.map((host) => host.toLowerCase()),
    corsOrigins: env.CORS_ORIGINS,
    maxBodyBytes: env.MAX_BODY_BYTES,
    maxUploadBytes: env.MAX_UPLOAD_BYTES,
    extraction: { maxCharacters: env.MAX_REPORT_CHARACTERS, timeoutMs: env.EXTRACT_TIMEOUT_MS, maxMemoryMb: env.EXTRACT_MEMORY_MB },
    requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
    answerWorkers: env.ANSWER_WORKERS ?? (availableParallelism() >= 2 ? Math.min(4, availableParallelism()) : 0),
    answerEmbedding: env.ANSWER_EMBEDDING,
    answerMaxWaitMs: env.ANSWER_MAX_WAIT_MS,
    rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
    logLevel: env.LOG_LEVEL,
    queryLog: { retentionDays: env.QUERY_LOG_RETENTION_DAYS, secret: env.QUERY_LOG_SECRET ?? null },
    wechat: wechatFields.every(Boolean)
      ? {
          token: env.WECHAT_TOKEN!,
          appId: env.WECHAT_APP_ID ?? null,
          encodingAESKey: env.WECHAT_ENCODING_AES_KEY ?? null,
          appSecret: env.WECHAT_APP_SECRET ?? null,
        }
      : null,
    wecom: wecomFields.every(Boolean)
      ? { token: env.WECOM_TOKEN!, corpId: env.WECOM_CORP_ID!, encodingAESKey: env.WECOM_ENCODING_AES_KEY! }
      : null,
    wechatGuard: {
      maxClockSkewSeconds: env.WECHAT_MAX_CLOCK_SKEW_SECONDS,
      userMessagesPerMinute: env.WECHAT_USER_MESSAGES_PER_MINUTE,
      accountMessagesPerMinute: env.WECHAT_ACCOUNT_MESSAGES_PER_MINUTE,
    },
  };
}

/** The model folder when none is configured: DATA_DIR/models, data/models or ../shared/models beside the checkout. */
function defaultModelDir(dataDir: string): string | null {
  const candidates = [resolve(dataDir, 'models'), resolve(repositoryRoot, 'data/models'), resolve(repositoryRoot, '../shared/models')];
  return candidates.find((dir) => existsSync(resolve(dir, 'bge-small-zh-v1.5'))) ?? null;
}

/** A new user with internet gets the model on start; CI (any CI value but 0/false) and EMBEDDING_ALLOW_REMOTE=0 never download. */
function fetchOnStart(env: Environment): boolean {
  const ci = env.CI !== undefined && !['', '0', 'false'].includes(env.CI.trim().toLowerCase());
  if (ci) return false;
  return !['0', 'false', 'no'].includes(env.EMBEDDING_ALLOW_REMOTE ?? '');
}
