// Splits a stretch of the original into sentences, keeping quotes and brackets whole and decimal points inside figures.
import { CHARACTER_FLAGS, isSpace, isLineBreak } from './character-classes.js';

export interface Span {
  start: number;
  end: number;
}

const OPENER = 1;
const CLOSING = 2;
const ENDER = 4;
const CLOSER = 8;
const STRAIGHT_QUOTE = 0x22;
const FULL_STOP = 0x2e;
/** An opener left unclosed this long is an OCR or typing slip, not a quotation. */
const MAX_QUOTE = 200;

/** Sentences of original.slice(start, end), trimmed, empty ones dropped. */
export function splitSentences(original: string, start: number, end: number): Span[] {
  const spans: Span[] = [];
  let sentenceStart = start;
  let depth = 0;
  let openedAt = -1;
  let straightQuoteOpen = false;
  for (let index = start; index < end; index += 1) {
    const code = original.charCodeAt(index);
    const flags = CHARACTER_FLAGS[code] ?? 0;
    if (depth > 0 && index - openedAt > MAX_QUOTE) {
      depth = 0;
      straightQuoteOpen = false;
    }
    if (flags & OPENER) {
      if (depth === 0) openedAt = index;
      depth += 1;
      continue;
    }
    if (code === STRAIGHT_QUOTE) {
      straightQuoteOpen = !straightQuoteOpen;
      if (straightQuoteOpen) {
        if (depth === 0) openedAt = index;
        depth += 1;
        continue;
      }
    }
    if (flags & CLOSING || code === STRAIGHT_QUOTE) {
      if (depth > 0) depth -= 1;
      // 「…完成。」 ends its sentence when the quote closes.
      if (depth === 0 && (CHARACTER_FLAGS[original.charCodeAt(index - 1)] ?? 0) & ENDER) {
        const stop = skipClosers(original, index + 1, end);
        spans.push({ start: sentenceStart, end: stop });
        sentenceStart = stop;
        index = stop - 1;
      }
      continue;
    }
    if (depth > 0) continue;
    if (flags & ENDER || (code === FULL_STOP && endsWithFullStop(original, index, end))) {
      const stop = skipClosers(original, index + 1, end);
      spans.push({ start: sentenceStart, end: stop });
      sentenceStart = stop;
      index = stop - 1;
    }
  }
  if (sentenceStart < end) spans.push({ start: sentenceStart, end });
  return spans.map((span) => trim(original, span)).filter((span): span is Span => span !== null);
}

/** A half-width full stop ends a sentence unless it sits in a figure (1920.605), a numbering (1.) or a Latin word. */
function endsWithFullStop(original: string, index: number, end: number): boolean {
  const before = original.charCodeAt(index - 1);
  const after = index + 1 < end ? original.charCodeAt(index + 1) : -1;
  const alphanumeric = (code: number): boolean => (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (Number.isNaN(before) || alphanumeric(before)) return false;
  return after === -1 || !alphanumeric(after);
}

function skipClosers(original: string, from: number, end: number): number {
  let index = from;
  while (index < end && (CHARACTER_FLAGS[original.charCodeAt(index)] ?? 0) & (CLOSER | ENDER)) index += 1;
  return index;
}

function trim(original: string, span: Span): Span | null {
  let { start, end } = span;
  while (start < end && (isSpace(original.charCodeAt(start)) || isLineBreak(original.charCodeAt(start)))) start += 1;
  while (end > start && (isSpace(original.charCodeAt(end - 1)) || isLineBreak(original.charCodeAt(end - 1)))) end -= 1;
  for (let index = start; index < end; index += 1) {
    const char = original[index];
    if (char !== '*' && char !== '#' && char !== '_' && char !== '>') return { start, end };
  }
  return null;
}
