// The chat: filters, the conversation log with streamed answers, and the question box.
import type { Citation, DocumentSummary, Filters } from '@report-qa/schema';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getSuggestions, sendFeedback } from './api-client.js';
import { Composer } from './composer.js';
import { conversationMarkdown, markdownFileName } from './conversation-markdown.js';
import { downloadFile } from './download-file.js';
import { FilterBar } from './filter-bar.js';
import { filtersWithout, type Chip } from './filters-without.js';
import { HistoryDrawer } from './history-drawer.js';
import { TurnView } from './turn-view.js';
import type { WithKey } from './use-api-key-prompt.js';
import { useConversation, type Turn } from './use-conversation.js';
import { useSavedConversations } from './use-saved-conversations.js';

interface ChatViewProps {
  documents: readonly DocumentSummary[];
  withKey: WithKey;
  onOpen: (citation: Citation, siblings: readonly Citation[]) => void;
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
  const { turns, busy, ask, stop, reset, load, patch } = useConversation(withKey);
  const saved = useSavedConversations({ turns, busy, load, reset });
  const [historyOpen, setHistoryOpen] = useState(false);
  const [filters, setFilters] = useState<Filters>({});
  const asking = useRef(new Set<string>());
  // The turns as they are now, for results that arrive later (the user may have opened another conversation).
  const current = useRef(turns);
  current.current = turns;
  const patchAnswer = (turnId: number, answerId: string, change: Partial<Turn>) => {
    if (current.current.some((turn) => turn.id === turnId && turn.result?.id === answerId)) patch(turnId, change);
  };
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

  // After each answer, ask once for next questions (the API checks each has an answer).
  useEffect(() => {
    for (const turn of turns) {
      const id = turn.result?.id;
      if (turn.status !== 'done' || !id || turn.result?.notFound || turn.suggestions !== undefined || asking.current.has(id)) continue;
      asking.current.add(id);
      // A failed request (a reload cut it off, the answer left the log) is not saved: the next visit asks again.
      getSuggestions(id).then(
        ({ suggestions }) => patchAnswer(turn.id, id, { suggestions }),
        () => {},
      );
    }
  }, [turns, patch]);

  const rate = async (turn: Turn, rating: 'up' | 'down', comment: string) => {
    const answerId = turn.result?.id;
    if (!answerId) return;
    await withKey(() => sendFeedback({ answerId, rating, ...(comment ? { comment } : {}) }));
    patchAnswer(turn.id, answerId, { feedback: { rating, comment } });
  };

  const exportMarkdown = () => {
    const title = saved.list.find((item) => item.id === saved.currentId)?.title ?? turns[0]?.question ?? '对话';
    const done = turns.filter((turn) => turn.answer);
    downloadFile(markdownFileName(title), conversationMarkdown(title, done), 'text/markdown;charset=utf-8');
  };

  useEffect(() => {
    const nearBottom = window.innerHeight + window.scrollY >= document.documentElement.scrollHeight - 200;
    // Follow a new question, and the streaming answer while the reader stays at the bottom.
    if (turns.length !== count.current || nearBottom) window.scrollTo({ top: document.documentElement.scrollHeight });
    count.current = turns.length;
  }, [turns]);

  return (
    <section class="chat" aria-label="问答" data-unsaved={saved.unsaved ? 'true' : 'false'}>
      <div class="chat-tools">
        <button type="button" class="small" onClick={() => setHistoryOpen(true)} aria-haspopup="dialog">
          历史对话{saved.list.length > 0 ? `（${saved.list.length}）` : ''}
        </button>
        <button type="button" class="small" onClick={exportMarkdown} disabled={busy || !turns.some((turn) => turn.answer)}>
          导出 Markdown
        </button>
        {saved.storageError && <span class="note error">{saved.storageError}</span>}
      </div>
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
            onRegenerate={(again) => ask(again.question, again.filters, { id: again.id, removed: again.removed })}
            onEdit={(edited, question) => ask(question, edited.filters, { id: edited.id, removed: [], dropLater: true })}
            onRate={rate}
            onAsk={(question) => ask(question, filters)}
          />
        ))}
      </div>
      <Composer busy={busy} canReset={turns.length > 0} onSend={(question) => ask(question, filters)} onStop={stop} onReset={saved.startNew} />
      {historyOpen && (
        <HistoryDrawer
          conversations={saved.list}
          currentId={saved.currentId}
          onOpen={(id) => void saved.open(id)}
          onRename={saved.rename}
          onDelete={saved.remove}
          onNew={saved.startNew}
          onClose={() => setHistoryOpen(false)}
        />
      )}
    </section>
  );
}
