// The one error class of @report-qa/feedback, with a stable code.
export type FeedbackErrorCode = 'store_unavailable';

export class FeedbackError extends Error {
  override name = 'FeedbackError';
  readonly code: FeedbackErrorCode;

  constructor(message: string, options: { cause?: unknown; code: FeedbackErrorCode }) {
    super(message, { cause: options.cause });
    this.code = options.code;
  }
}
