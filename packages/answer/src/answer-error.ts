// The base error of @report-qa/answer: every error this package throws is one of these, with its cause.
export class AnswerError extends Error {
  readonly code: string;

  constructor(message: string, options: { code?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AnswerError';
    this.code = options.code ?? 'answer_error';
  }
}
