// The chat: filters, the conversation log with streamed answers, and the question box.
import type { Citation, DocumentSummary, Filters } from '@report-qa/schema';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { Composer } from './composer.js';
import { FilterBar } from './filter-bar.js';
import { filtersWithout, type Chip } from './filters-without.js';
import { TurnView } from './turn-view.js';
import type { WithKey } from './use-api-key-prompt.js';
import { useConversation, type Turn } from './use-conversation.js';

interface ChatViewProps {
  documents: readonly DocumentSummary[];
  withKey: WithKey;
  onOpen: (citation: Citation) => void;
}

/** Example questions built from the library, so they always have an answer. */
function examples(documents: readonly DocumentSummary[]): string[] {
  const named = documents.filter((document) => document.region && document.year);
  const [first, second] = named;
  if (!first) return [];
  const list = [`${first.region}${first.year}年收到多少件行政复议申请？`];
  if (second) {
    list.push(`${second.region}${second.year}年在优化营商环境方面采取了哪些措施？`);
    list.push(`${first.region}和${second.region}的行政执法工作有什么不同？`);
  }
  return list;
}

export function ChatView({ documents, withKey, onOpen }: ChatViewProps) {
  const { turns, busy, ask, stop, reset } = useConversation(withKey);
  const [filters, setFilters] = useState<Filters>({});
  const count = useRef(0);
  const library = useMemo(
    () => ({
      regions: [...new Set(documents.flatMap((document) => (document.region ? [document.region] : [])))],
      years: [...new Set(documents.flatMap((document) => (document.year === null ? [] : [document.year])))],
    }),
    [documents],
  );
  const removeChip = (turn: Turn, chip: Chip) => {
    if (!turn.scope) return;
    void ask(turn.question, filtersWithout(turn.scope, chip, library), { id: turn.id, removed: [...turn.removed, chip] });
  };

  useEffect(() => {
    const nearBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 200;
    // Follow a new question, and the streaming answer while the reader stays at the bottom.
    if (turns.length !== count.current || nearBottom) window.scrollTo({ top: document.documentElement.scrollHeight });
    count.current = turns.length;
  }, [turns]);

  return (
    <section class="chat" aria-label="问答">
      <FilterBar documents={documents} filters={filters} onChange={setFilters} />
      <div class="log" role="log" aria-live="polite" aria-busy={busy} aria-label="对话">
        {turns.length === 0 && (
          <div class="welcome">
            <p>就资料库中的法治政府建设情况报告提问，每个回答都附有原文出处。</p>
            {examples(documents).length > 0 && (
              <ul class="examples" aria-label="示例问题">
                {examples(documents).map((example) => (
                  <li key={example}>
                    <button type="button" class="example" onClick={() => ask(example, filters)}>
                      {example}
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        {turns.map((turn) => (
          <TurnView
            key={turn.id}
            turn={turn}
            busy={busy}
            onOpen={onOpen}
            onRemoveChip={removeChip}
          />
        ))}
      </div>
      <Composer busy={busy} canReset={turns.length > 0} onSend={(question) => ask(question, filters)} onStop={stop} onReset={reset} />
    </section>
  );
}
