// One question and its answer: scope chips, streamed text with markers, notes, copy button, sources.
import type { Citation } from '@report-qa/schema';
import { useMemo, useState } from 'preact/hooks';
import { AnswerFeedback } from './answer-feedback.js';
import { AnswerText } from './answer-text.js';
import { copyText } from './copy-text.js';
import type { Chip } from './filters-without.js';
import { copyAnswerText } from './copy-answer-text.js';
import { ScopeChips } from './scope-chips.js';
import { SourcesList } from './sources-list.js';
import { splitAnswer } from './split-answer.js';
import { SuggestedQuestions } from './suggested-questions.js';
import type { Turn } from './use-conversation.js';

interface TurnViewProps {
  turn: Turn;
  busy: boolean;
  /** Opens a citation's source; the turn's other citations are the viewer's previous/next. */
  onOpen: (citation: Citation, siblings: readonly Citation[]) => void;
  onRemoveChip: (turn: Turn, chip: Chip) => void;
  onRegenerate: (turn: Turn) => void;
  onEdit: (turn: Turn, question: string) => void;
  onRate: (turn: Turn, rating: 'up' | 'down', comment: string) => Promise<void>;
  onAsk: (question: string) => void;
}

export function TurnView({ turn, busy, onOpen, onRemoveChip, onRegenerate, onEdit, onRate, onAsk }: TurnViewProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const open = (citation: Citation) => onOpen(citation, turn.citations);
  const result = turn.result;
  const notFound = result?.notFound === true;
  const working = turn.status === 'waiting' || turn.status === 'streaming';
  // While an answer streams, the API's citations are the candidate passages; list those cited so far,
  // so the list grows with the markers instead of shrinking when the final answer arrives.
  const listed = useMemo(() => {
    if (!working) return turn.citations;
    const cited = new Set(splitAnswer(turn.answer, new Set(turn.citations.map((c) => c.n))).flatMap((s) => (s.kind === 'marker' ? [s.n] : [])));
    return turn.citations.filter((citation) => cited.has(citation.n));
  }, [working, turn.answer, turn.citations]);

  const copy = async () => {
    const ok = await copyText(copyAnswerText(turn.answer, turn.citations));
    setCopied(ok ? '已复制' : '复制失败，请手动选择文本');
    setTimeout(() => setCopied(null), 2500);
  };

  return (
    <article class="turn" data-status={turn.status} data-first-delta-ms={turn.firstDeltaMs ?? undefined} data-answer-id={turn.result?.id}>
      {editing === null ? (
        <div class="question-row">
          {!busy && (
            <button type="button" class="small edit-question" onClick={() => setEditing(turn.question)} aria-label="编辑问题并重新提问">
              编辑
            </button>
          )}
          <p class="question">
            <span class="visually-hidden">问：</span>
            {turn.question}
          </p>
        </div>
      ) : (
        <form
          class="edit-form"
          onSubmit={(event) => {
            event.preventDefault();
            const question = editing.trim();
            if (!question || busy) return;
            setEditing(null);
            onEdit(turn, question);
          }}
        >
          <label for={`edit-${turn.id}`} class="visually-hidden">
            修改问题
          </label>
          <textarea id={`edit-${turn.id}`} rows={2} maxLength={2000} value={editing} autofocus onInput={(event) => setEditing(event.currentTarget.value)} />
          <div class="row">
            <button type="submit" class="small primary" disabled={busy || !editing.trim()}>
              重新提问
            </button>
            <button type="button" class="small" onClick={() => setEditing(null)}>
              取消
            </button>
            <span class="hint">此问题之后的对话将被替换</span>
          </div>
        </form>
      )}
      {turn.understood && turn.understood !== turn.question && <p class="understood">按此理解：{turn.understood}</p>}
      {turn.scope && <ScopeChips scope={turn.scope} removed={turn.removed} disabled={busy} onRemove={(chip) => onRemoveChip(turn, chip)} />}

      <div class={`answer${notFound ? ' not-found' : ''}`}>
        {notFound && <p class="not-found-label">未找到</p>}
        {turn.status === 'waiting' && <p class="waiting">正在检索…</p>}
        {turn.answer && (
          <p class="answer-text">
            <AnswerText answer={turn.answer} citations={turn.citations} onOpen={open} />
            {turn.status === 'streaming' && <span class="cursor" aria-hidden="true" />}
          </p>
        )}
      </div>

      {turn.error && (
        <p class={turn.error === '已停止' ? 'note' : 'note error'} role="alert">
          {turn.error}
          {!turn.answer && (
            <button type="button" class="small retry" disabled={busy} onClick={() => onRegenerate(turn)}>
              重试
            </button>
          )}
        </p>
      )}
      {result?.fallback && (
        <p class="note mode-note">
          <span aria-hidden="true">ⓘ </span>
          {result.fallback.reason}
        </p>
      )}
      {result && result.unsupportedFigures.length > 0 && (
        <p class="note warn">请核对：以下数字未在引文中找到：{result.unsupportedFigures.join('、')}</p>
      )}

      {!working && turn.answer && (
        <div class="turn-actions">
          <button type="button" class="small" onClick={copy}>
            复制答案
          </button>
          <button type="button" class="small regenerate" disabled={busy} onClick={() => onRegenerate(turn)}>
            重新回答
          </button>
          {result?.id && <AnswerFeedback turn={turn} onRate={onRate} />}
          {result && <span class="mode-label">{result.mode === 'llm' ? '大模型归纳' : '原文摘录'}</span>}
          <span class="copied" role="status">
            {copied}
          </span>
        </div>
      )}
      <SourcesList citations={listed} onOpen={open} />
      {turn.status === 'done' && <SuggestedQuestions suggestions={turn.suggestions} disabled={busy} onAsk={onAsk} />}
    </article>
  );
}
