// Asks for the API key when the API answers 401, remembers it for the tab, and retries the operation.
import { useCallback, useRef, useState } from 'preact/hooks';
import { loadApiKey, saveApiKey } from './api-key-store.js';
import { ApiRequestError } from './api-request-error.js';
import { Modal } from './modal.js';

interface Prompt {
  message: string;
  resolve: (key: string | null) => void;
}

export type WithKey = <T>(operation: () => Promise<T>) => Promise<T>;

export class CancelledError extends Error {
  override name = 'CancelledError';
}

export function useApiKeyPrompt(): { withKey: WithKey; dialog: preact.JSX.Element | null } {
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const pending = useRef<Promise<string | null> | null>(null);

  // Calls that fail together (the library list and a question) share one prompt.
  const askForKey = (message: string) =>
    (pending.current ??= new Promise<string | null>((resolve) =>
      setPrompt({
        message,
        resolve: (key) => {
          pending.current = null;
          resolve(key);
        },
      }),
    ));

  const withKey: WithKey = useCallback(async (operation) => {
    for (;;) {
      try {
        return await operation();
      } catch (error) {
        if (!(error instanceof ApiRequestError) || error.status !== 401) throw error;
        const hadKey = loadApiKey() !== null;
        if (hadKey) saveApiKey(null);
        const key = await askForKey(hadKey ? 'API 密钥无效，请重新输入。' : '此操作需要 API 密钥。');
        setPrompt(null);
        if (!key) throw new CancelledError('已取消');
        saveApiKey(key);
      }
    }
  }, []);

  const dialog = prompt && (
    <Modal label="输入 API 密钥" onClose={() => prompt.resolve(null)}>
      <form
        class="key-form"
        onSubmit={(event) => {
          event.preventDefault();
          prompt.resolve(inputRef.current?.value.trim() || null);
        }}
      >
        <h2>需要 API 密钥</h2>
        <p role="alert">{prompt.message}</p>
        <label for="api-key">API 密钥</label>
        <input id="api-key" ref={inputRef} type="password" autocomplete="off" required autofocus />
        <p class="hint">密钥只保存在本标签页中，关闭页面即清除。</p>
        <div class="row">
          <button type="submit" class="primary">确定</button>
          <button type="button" onClick={() => prompt.resolve(null)}>取消</button>
        </div>
      </form>
    </Modal>
  );
  return { withKey, dialog };
}
