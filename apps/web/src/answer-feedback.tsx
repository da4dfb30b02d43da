// 👍/👎 on an answer: one click sends the rating, then an optional comment can follow.
import { useState } from 'preact/hooks';
import type { Turn } from './use-conversation.js';

type Rating = 'up' | 'down';

interface AnswerFeedbackProps {
  turn: Turn;
  onRate: (turn: Turn, rating: Rating, comment: string) => Promise<void>;
}

export function AnswerFeedback({ turn, onRate }: AnswerFeedbackProps) {
  const [commenting, setCommenting] = useState(false);
  const [comment, setComment] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const rating = turn.feedback?.rating ?? null;

  const send = async (next: Rating, text: string) => {
    setSending(true);
    setError(null);
    try {
      await onRate(turn, next, text);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : '评价未能发送');
      return false;
    } finally {
      setSending(false);
    }
  };

  const rate = async (next: Rating) => {
    if (await send(next, turn.feedback?.comment ?? '')) setCommenting(true);
  };

  return (
    <>
      <button type="button" class="small rate" aria-pressed={rating === 'up'} aria-label="有帮助" title="有帮助" disabled={sending} onClick={() => rate('up')}>
        <span aria-hidden="true">👍</span> 有帮助
      </button>
      <button type="button" class="small rate" aria-pressed={rating === 'down'} aria-label="没有帮助" title="没有帮助" disabled={sending} onClick={() => rate('down')}>
        <span aria-hidden="true">👎</span> 没帮助
      </button>
      {error && (
        <span class="note error" role="alert">
          {error}
        </span>
      )}
      {commenting && rating && (
        <form
          class="feedback-form"
          onSubmit={async (event) => {
            event.preventDefault();
            if (await send(rating, comment.trim())) setCommenting(false);
          }}
        >
          <label for={`feedback-${turn.id}`}>{rating === 'down' ? '哪里不对？（可选）' : '补充说明（可选）'}</label>
          <textarea id={`feedback-${turn.id}`} rows={2} maxLength={1000} value={comment} onInput={(event) => setComment(event.currentTarget.value)} />
          <div class="row">
            <button type="submit" class="small primary" disabled={sending || !comment.trim()}>
              提交说明
            </button>
            <button type="button" class="small" onClick={() => setCommenting(false)}>
              不用了
            </button>
          </div>
        </form>
      )}
      {!commenting && turn.feedback && (
        <span class="copied" role="status">
          {turn.feedback.comment ? '已收到评价和说明，谢谢' : '已收到评价，谢谢'}
        </span>
      )}
    </>
  );
}
