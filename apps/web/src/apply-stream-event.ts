// How one streamed /api/ask event changes the turn being answered (pure, so it is tested without a browser).
import type { AskStreamEvent } from '@report-qa/schema';
import type { Turn } from './use-conversation.js';

export type StreamedEvent = Exclude<AskStreamEvent, { event: 'done' | 'error' }>;

/**
 * The change to a turn for an event. `replace` withdraws the text shown so far (an LLM answer that broke off or
 * failed its checks): the answer starts again from the deltas that follow, with the fallback's citations.
 */
export function applyStreamEvent(turn: Turn, event: StreamedEvent, elapsedMs: () => number): Partial<Turn> {
  switch (event.event) {
    case 'meta':
      return { understood: event.data.question, scope: event.data.scope };
    case 'citations':
      return { citations: event.data.citations };
    case 'replace':
      return { answer: '', citations: event.data.citations };
    case 'delta':
      if (turn.firstDeltaMs !== null) return { answer: turn.answer + event.data.text };
      return { answer: event.data.text, status: 'streaming', firstDeltaMs: elapsedMs() };
  }
}
