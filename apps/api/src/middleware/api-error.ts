// Errors the API answers with: a stable code, an HTTP status and a message a Chinese-speaking user understands.
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export interface ApiIssue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: ApiIssue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
