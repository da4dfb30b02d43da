// The API's one logger: JSON lines, never keys or whole documents.
import { pino, type Logger } from 'pino';
import type { AppConfig } from './config.js';

export type { Logger };

export function createLogger(config: Pick<AppConfig, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level: config.logLevel,
      base: undefined,
      redact: { paths: ['*.authorization', '*.apiKey', '*.apiKeys', 'headers.authorization'], censor: '[redacted]' },
    },
    destination ?? process.stderr,
  );
}
