// The conversation: turns with their streamed answers, follow-up history, stop and 新对话.
import type { AskResponse, Citation, Filters, HistoryTurn, Scope } from '@report-qa/schema';
import { useCallback, useRef, useState } from 'preact/hooks';
import { describeError } from './api-request-error.js';
import { applyStreamEvent } from './apply-stream-event.js';
import type { Chip } from './filters-without.js';
import { streamAsk } from './stream-ask.js';
import type { WithKey } from './use-api-key-prompt.js';

export interface Turn {
  id: number;
  question: string;
  /** The explicit filters this turn was asked with. */
  filters: Filters;
  /** Inferred filters the user removed (re-asked without); their chips stay hidden. */
  removed: Chip[];
  /** The standalone question the API answered (after follow-up rewriting). */
  understood: string | null;
  scope: Scope | null;
  citations: Citation[];
  answer: string;
  result: AskResponse | null;
  status: 'waiting' | 'streaming' | 'done' | 'error';
  error: string | null;
  /** Milliseconds from sending to the first piece of answer text. */
  firstDeltaMs: number | null;
  /** The user's 👍/👎 on this answer, once sent. */
  feedback?: { rating: 'up' | 'down'; comment: string } | null;
  /** Next questions the API checked (undefined until asked for). */
  suggestions?: string[];
}

/** Earlier turns sent for follow-ups: enough context without growing the request without bound. */
const HISTORY_TURNS = 6;

export function useConversation(withKey: WithKey) {
  const [turns, setTurns] = useState<Turn[]>([]);
  const turnsRef = useRef<Turn[]>([]);
  const controllerRef = useRef<AbortController | null>(null);
  const nextId = useRef(1);

  const update = (id: number, change: (turn: Turn) => Partial<Turn>) => {
    turnsRef.current = turnsRef.current.map((turn) => (turn.id === id ? { ...turn, ...change(turn) } : turn));
    setTurns(turnsRef.current);
  };

  /**
   * Asks a new question, or re-asks turn `replace.id` in place (other filters, regenerate, an edited question);
   * with `dropLater` the turns after it go, as their answers followed from the old one.
   */
  const ask = useCallback(
    async (question: string, filters: Filters, replace?: { id: number; removed: Chip[]; dropLater?: boolean }) => {
      controllerRef.current?.abort();
      const controller = new AbortController();
      controllerRef.current = controller;

      const index = replace ? turnsRef.current.findIndex((turn) => turn.id === replace.id) : turnsRef.current.length;
      const history: HistoryTurn[] = turnsRef.current
        .slice(0, index)
        .filter((turn) => turn.status === 'done')
        .slice(-HISTORY_TURNS)
        .flatMap((turn) => [
          { role: 'user' as const, content: turn.question },
          { role: 'assistant' as const, content: turn.answer.slice(0, 20_000) },
        ]);
      const id = nextId.current++;
      const fresh: Turn = {
        id, question, filters, removed: replace?.removed ?? [], understood: null, scope: null, citations: [], answer: '', result: null,
        status: 'waiting', error: null, firstDeltaMs: null,
      };
      turnsRef.current = replace
        ? turnsRef.current.slice(0, replace.dropLater ? index + 1 : undefined).map((turn) => (turn.id === replace.id ? fresh : turn))
        : [...turnsRef.current, fresh];
      setTurns(turnsRef.current);

      const sentAt = performance.now();
      performance.mark('ask:send');
      try {
        const result = await withKey(() =>
          streamAsk(
            { question, ...(history.length > 0 ? { history } : {}), ...(Object.keys(filters).length > 0 ? { filters } : {}) },
            (event) => {
              if (controller.signal.aborted) return;
              update(id, (turn) =>
                applyStreamEvent(turn, event, () => {
                  performance.measure('ask:first-delta', 'ask:send');
                  return Math.round(performance.now() - sentAt);
                }),
              );
            },
            controller.signal,
          ),
        );
        update(id, () => ({
          status: 'done', result, answer: result.answer, citations: result.citations, scope: result.scope, understood: result.question,
        }));
      } catch (error) {
        // A stopped answer keeps what arrived; a replaced or cleared turn is gone already.
        update(id, (turn) => ({ status: 'error', error: controller.signal.aborted && turn.answer ? '已停止' : describeError(error) }));
      } finally {
        if (controllerRef.current === controller) controllerRef.current = null;
      }
    },
    [withKey],
  );

  const stop = useCallback(() => controllerRef.current?.abort(), []);

  const reset = useCallback(() => {
    controllerRef.current?.abort();
    turnsRef.current = [];
    setTurns([]);
  }, []);

  /** Shows a saved conversation (a turn still streaming when it was saved is marked as cut off). */
  const load = useCallback((saved: Turn[]) => {
    controllerRef.current?.abort();
    turnsRef.current = saved.map((turn) =>
      turn.status === 'waiting' || turn.status === 'streaming' ? { ...turn, status: 'error' as const, error: '回答未完成（页面已关闭）' } : turn,
    );
    nextId.current = Math.max(0, ...saved.map((turn) => turn.id)) + 1;
    setTurns(turnsRef.current);
  }, []);

  /** Changes a turn outside asking (feedback sent, suggestions received). */
  const patch = useCallback((id: number, change: Partial<Turn>) => update(id, () => change), []);

  const busy = turns.some((turn) => turn.status === 'waiting' || turn.status === 'streaming');
  return { turns, busy, ask, stop, reset, load, patch };
}
