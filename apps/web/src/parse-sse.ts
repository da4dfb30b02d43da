// Server-sent events read from a fetch body (EventSource cannot POST), parsed by eventsource-parser (the AI SDK's parser).
import { createParser } from 'eventsource-parser';

export interface SseMessage {
  event: string;
  data: string;
}

export interface SseParser {
  /** Feeds decoded text; calls onMessage for every complete event. */
  push(text: string): void;
  /** The stream ended: resolves a trailing CR, and drops an event that was not followed by a blank line. */
  end(): void;
}

/** An event without a name is a `message` event, as in EventSource. */
export function createSseParser(onMessage: (message: SseMessage) => void): SseParser {
  const parser = createParser({ onEvent: ({ event, data }) => onMessage({ event: event ?? 'message', data }) });
  let endsWithCarriageReturn = false;
  return {
    push: (text) => {
      if (text !== '') endsWithCarriageReturn = text.endsWith('\r');
      parser.feed(text);
    },
    end: () => {
      // A CR at the very end ended its line: the parser holds it back in case an LF follows in the next chunk.
      if (endsWithCarriageReturn) parser.feed('\n');
      // An event cut off before its blank line is dropped, as EventSource does: a half-sent `done` is not an answer.
      parser.reset();
    },
  };
}
