// The list of saved conversations in a drawer: open one, rename it, delete it, or start a new one.
import { useState } from 'preact/hooks';
import type { ConversationSummary } from './conversation-store.js';
import { Modal } from './modal.js';

interface HistoryDrawerProps {
  conversations: readonly ConversationSummary[];
  currentId: string | null;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => Promise<void>;
  onDelete: (id: string) => Promise<void>;
  onNew: () => void;
  onClose: () => void;
}

const when = (time: number) =>
  new Date(time).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });

export function HistoryDrawer({ conversations, currentId, onOpen, onRename, onDelete, onNew, onClose }: HistoryDrawerProps) {
  const [editing, setEditing] = useState<string | null>(null);
  const [draft, setDraft] = useState('');

  return (
    <Modal label="历史对话" className="drawer" onClose={onClose}>
      <header class="drawer-head">
        <h2>历史对话</h2>
        <button type="button" class="close" onClick={onClose} aria-label="关闭历史对话">
          关闭
        </button>
      </header>
      <button
        type="button"
        class="primary new-conversation"
        onClick={() => {
          onNew();
          onClose();
        }}
      >
        新对话
      </button>
      {conversations.length === 0 && <p class="note">还没有保存的对话。提问后，对话会自动保存在本浏览器中。</p>}
      <ul class="history-list" aria-label="已保存的对话">
        {conversations.map((conversation) => (
          <li key={conversation.id} class="history-item" aria-current={conversation.id === currentId ? 'true' : undefined}>
            {editing === conversation.id ? (
              <form
                class="rename-form"
                onSubmit={(event) => {
                  event.preventDefault();
                  void onRename(conversation.id, draft).then(() => setEditing(null));
                }}
              >
                <label for={`rename-${conversation.id}`} class="visually-hidden">
                  对话名称
                </label>
                <input id={`rename-${conversation.id}`} type="text" value={draft} maxLength={80} required autofocus onInput={(event) => setDraft(event.currentTarget.value)} />
                <button type="submit" class="small primary">
                  保存
                </button>
                <button type="button" class="small" onClick={() => setEditing(null)}>
                  取消
                </button>
              </form>
            ) : (
              <>
                <button
                  type="button"
                  class="history-open"
                  onClick={() => {
                    onOpen(conversation.id);
                    onClose();
                  }}
                >
                  <span class="history-title">{conversation.title}</span>
                  <span class="history-meta">
                    {when(conversation.updatedAt)} · {conversation.questions} 个问题
                  </span>
                </button>
                <div class="history-actions">
                  <button
                    type="button"
                    class="small"
                    aria-label={`重命名「${conversation.title}」`}
                    onClick={() => {
                      setDraft(conversation.title);
                      setEditing(conversation.id);
                    }}
                  >
                    重命名
                  </button>
                  <button
                    type="button"
                    class="small danger"
                    aria-label={`删除「${conversation.title}」`}
                    onClick={() => {
                      if (confirm(`删除对话「${conversation.title}」？此操作不可撤销。`)) void onDelete(conversation.id);
                    }}
                  >
                    删除
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
    </Modal>
  );
}
