// The one error class of @report-qa/indicators, with a stable code for callers to translate.
export type IndicatorErrorCode = 'INVALID_DEFINITIONS';

export class IndicatorError extends Error {
  override readonly name = 'IndicatorError';
  constructor(
    readonly code: IndicatorErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
