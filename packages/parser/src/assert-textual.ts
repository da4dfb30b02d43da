// Rejects decoded text that is empty or looks binary, so every entry point fails the same way.
import { ParseError } from './parse-error.js';

const CONTROL_RATIO_LIMIT = 0.05;

export function assertTextual(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim().length === 0) throw new ParseError('EMPTY_INPUT', 'The report is empty or contains only whitespace.');
  let control = 0;
  for (let index = 0; index < body.length; index += 1) {
    const code = body.charCodeAt(index);
    if (code === 0) throw new ParseError('BINARY_INPUT', 'The input contains NUL characters: it looks like a binary file, not a text report.');
    const isControl = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd;
    if (isControl) control += 1;
  }
  if (control / body.length > CONTROL_RATIO_LIMIT) {
    throw new ParseError('BINARY_INPUT', 'The input has too many control characters: it looks like a binary file, not a text report.');
  }
  return body;
}
