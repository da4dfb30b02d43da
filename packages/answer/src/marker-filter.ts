// Filters streamed text so a [n] marker naming no passage never reaches the client: text from '[' waits for ']'.
import { removeInvalidMarkers } from './check-llm-answer.js';

const longestMarker = 6;

export interface MarkerFilter {
  /** Text that is safe to emit now. */
  push(piece: string): string;
  /** Whatever is still held back, once the stream has ended. */
  flush(): string;
}

export function createMarkerFilter(valid: ReadonlySet<number>): MarkerFilter {
  let held = '';
  const release = (text: string) => removeInvalidMarkers(text, valid);
  return {
    push(piece) {
      held += piece;
      let out = '';
      for (;;) {
        const open = held.search(/[[【]/u);
        if (open < 0) {
          out += held;
          held = '';
          return release(out);
        }
        out += held.slice(0, open);
        held = held.slice(open);
        const close = held.search(/[\]】]/u);
        if (close >= 0) {
          out += held.slice(0, close + 1);
          held = held.slice(close + 1);
          continue;
        }
        if (held.length > longestMarker) {
          // Not a marker after all: let the bracket through and look again after it.
          out += held.slice(0, 1);
          held = held.slice(1);
          continue;
        }
        return release(out);
      }
    },
    flush() {
      const out = release(held);
      held = '';
      return out;
    },
  };
}
