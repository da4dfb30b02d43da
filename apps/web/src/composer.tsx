// The question box: Enter sends, Shift+Enter adds a line, IME composition is left alone.
import { useRef, useState } from 'preact/hooks';

interface ComposerProps {
  busy: boolean;
  canReset: boolean;
  onSend: (question: string) => void;
  onStop: () => void;
  onReset: () => void;
}

export function Composer({ busy, canReset, onSend, onStop, onReset }: ComposerProps) {
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);

  const send = () => {
    // The box itself, not the last render's state: Enter may come before the render that follows typing.
    const question = (ref.current?.value ?? text).trim();
    if (!question || busy) return;
    onSend(question);
    setText('');
  };

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label for="question" class="visually-hidden">
        输入问题
      </label>
      <textarea
        id="question"
        ref={ref}
        rows={2}
        maxLength={2000}
        placeholder="输入问题（Enter 发送，Shift+Enter 换行）"
        aria-describedby="composer-hint"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={(event) => {
          // keyCode 229: a key pressed while an input method is composing (Chinese input).
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing || event.keyCode === 229) return;
          event.preventDefault();
          send();
        }}
      />
      <span id="composer-hint" class="visually-hidden">
        按 Enter 发送，Shift+Enter 换行
      </span>
      <div class="composer-actions">
        {busy ? (
          <button type="button" class="primary" onClick={onStop}>
            停止
          </button>
        ) : (
          <button type="submit" class="primary" disabled={!text.trim()}>
            发送
          </button>
        )}
        <button
          type="button"
          onClick={() => {
            onReset();
            ref.current?.focus();
          }}
          disabled={!canReset}
        >
          新对话
        </button>
      </div>
    </form>
  );
}
