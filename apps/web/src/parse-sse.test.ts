// Tests of how the web app reads the API's event stream (eventsource-parser underneath), split at awkward places.
import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './parse-sse.js';

function parseChunks(chunks: string[]): SseMessage[] {
  const messages: SseMessage[] = [];
  const parser = createSseParser((message) => messages.push(message));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return messages;
}

describe('createSseParser', () => {
  const stream = 'event: meta\ndata: {"mode":"extractive"}\n\nevent: delta\ndata: {"text":"共收到"}\n\n: keep-alive\n\nevent: done\ndata: {}\n\n';

  it('parses named events with JSON data', () => {
    expect(parseChunks([stream])).toEqual([
      { event: 'meta', data: '{"mode":"extractive"}' },
      { event: 'delta', data: '{"text":"共收到"}' },
      { event: 'done', data: '{}' },
    ]);
  });

  it('gives the same events whatever the chunk boundaries', () => {
    const whole = parseChunks([stream]);
    for (let size = 1; size < 12; size++) {
      const chunks: string[] = [];
      for (let at = 0; at < stream.length; at += size) chunks.push(stream.slice(at, at + size));
      expect(parseChunks(chunks)).toEqual(whole);
    }
  });

  it('accepts CRLF and CR line ends, even split between chunks', () => {
    expect(parseChunks(['event: delta\r', '\ndata: {"text":"a"}\r\n\r', '\n'])).toEqual([{ event: 'delta', data: '{"text":"a"}' }]);
    expect(parseChunks(['data: x\r\rdata: y\r\r'])).toEqual([
      { event: 'message', data: 'x' },
      { event: 'message', data: 'y' },
    ]);
  });

  it('joins multi-line data', () => {
    expect(parseChunks(['data: one\ndata:two\n\n'])).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('drops an event cut off before its blank line, as EventSource does (a half-sent done is no answer)', () => {
    expect(parseChunks(['event: delta\ndata: {"text":"a"}\n\nevent: done\ndata: {"answer":"共收'])).toEqual([{ event: 'delta', data: '{"text":"a"}' }]);
    expect(parseChunks(['event: done\ndata: {}\n'])).toEqual([]);
  });

  it('ignores events without data', () => {
    expect(parseChunks(['event: ping\n\n'])).toEqual([]);
  });
});
