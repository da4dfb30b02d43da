// Incremental parser for server-sent events read from a fetch body (EventSource cannot POST).

export interface SseMessage {
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds decoded text; calls onMessage for every complete event. */
  push(text: string): void;
  /** Flushes a final event that was not followed by a blank line. */
  end(): void;
}

/** Follows the WHATWG event-stream rules that matter here: event/data fields, comments, CRLF. */
export function createSseParser(onMessage: (message: SseMessage) => void): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  const dispatch = () => {
    if (data.length > 0) onMessage({ event: event || 'message', data: data.join('\n') });
    event = '';
    data = [];
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
  };

  return {
    push(text) {
      buffer += text;
      // A trailing '\r' may be the first half of '\r\n': keep it until the next chunk.
      const pattern = /\r\n|\n|\r(?!$)/g;
      let from = 0;
      for (let match = pattern.exec(buffer); match; match = pattern.exec(buffer)) {
        line(buffer.slice(from, match.index));
        from = match.index + match[0].length;
      }
      buffer = buffer.slice(from);
    },
    end() {
      if (buffer !== '') line(buffer.replace(/\r$/, ''));
      buffer = '';
      dispatch();
    },
  };
}
