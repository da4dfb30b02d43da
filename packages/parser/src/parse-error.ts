// The parser's one error class: a stable code for callers to translate, an English message, and the cause.

export type ParseErrorCode = 'EMPTY_INPUT' | 'BINARY_INPUT' | 'UNDECODABLE';

export class ParseError extends Error {
  override readonly name = 'ParseError';
  readonly code: ParseErrorCode;

  constructor(code: ParseErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
