// Keeps the current conversation saved as it grows, reopens it after a reload, and manages the history list.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import {
  deleteConversation,
  listConversations,
  loadConversation,
  loadCurrentId,
  newConversationId,
  saveConversation,
  saveCurrentId,
  titleFrom,
  type ConversationSummary,
} from './conversation-store.js';
import type { Turn } from './use-conversation.js';

interface Conversation {
  turns: Turn[];
  busy: boolean;
  load: (turns: Turn[]) => void;
  reset: () => void;
}

interface Current {
  id: string | null;
  title: string | null;
  createdAt: number;
}

const blank = (): Current => ({ id: null, title: null, createdAt: Date.now() });

export function useSavedConversations({ turns, busy, load, reset }: Conversation) {
  const [list, setList] = useState<ConversationSummary[]>([]);
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [storageError, setStorageError] = useState<string | null>(null);
  const current = useRef<Current>(blank());
  const ready = useRef(false);
  // The turns last read from or written to storage: the same array again needs no save.
  const stored = useRef<Turn[] | null>(null);
  const savedCount = useRef(0);
  // The turns on screen now, and those left behind by 新对话 or by opening another conversation: an effect scheduled
  // before the switch (on a slow machine it runs after it) must not save them as a new conversation.
  const latest = useRef<Turn[]>(turns);
  latest.current = turns;
  const leftBehind = useRef<Turn[] | null>(null);
  const pending = useRef(0);

  const fail = (error: unknown) => setStorageError(`无法保存对话记录：${error instanceof Error ? error.message : String(error)}`);
  const refresh = useCallback(() => listConversations().then(setList, fail), []);

  const show = useCallback(
    async (id: string) => {
      const saved = await loadConversation(id);
      if (!saved) return false;
      leftBehind.current = latest.current;
      current.current = { id: saved.id, title: saved.title, createdAt: saved.createdAt };
      stored.current = saved.turns;
      savedCount.current = saved.turns.length;
      load(saved.turns);
      setCurrentId(saved.id);
      saveCurrentId(saved.id);
      return true;
    },
    [load],
  );

  useEffect(() => {
    const id = loadCurrentId();
    (id ? show(id) : Promise.resolve(false))
      .catch(fail)
      .finally(() => {
        ready.current = true;
        void refresh();
      });
  }, [show, refresh]);

  useEffect(() => {
    if (!ready.current || turns.length === 0 || turns === stored.current || turns === leftBehind.current) return;
    // While an answer streams, save only when a question was added (the finished answer is saved when it ends).
    if (busy && turns.length === savedCount.current) return;
    if (!current.current.id) {
      current.current = { id: newConversationId(), title: titleFrom(turns[0]!.question), createdAt: Date.now() };
      setCurrentId(current.current.id);
      saveCurrentId(current.current.id);
    }
    const { id, title, createdAt } = current.current;
    stored.current = turns;
    savedCount.current = turns.length;
    pending.current += 1;
    saveConversation({ id: id!, title: title ?? titleFrom(turns[0]!.question), createdAt, updatedAt: Date.now(), turns })
      .then(() => setStorageError(null))
      .catch(fail)
      .finally(() => {
        pending.current -= 1;
        void refresh();
      });
  }, [turns, busy, refresh]);

  const startNew = useCallback(() => {
    leftBehind.current = latest.current;
    reset();
    current.current = blank();
    stored.current = null;
    savedCount.current = 0;
    setCurrentId(null);
    saveCurrentId(null);
  }, [reset]);

  const open = useCallback((id: string) => show(id).catch(fail), [show]);

  const rename = useCallback(
    async (id: string, title: string) => {
      const saved = await loadConversation(id);
      if (!saved || !title.trim()) return;
      await saveConversation({ ...saved, title: title.trim() });
      if (current.current.id === id) current.current.title = title.trim();
      await refresh();
    },
    [refresh],
  );

  const remove = useCallback(
    async (id: string) => {
      await deleteConversation(id);
      if (current.current.id === id) startNew();
      await refresh();
    },
    [refresh, startNew],
  );

  // Whether what is on screen is not yet all in storage (an answer streaming, or a save under way): a reload now
  // would lose it. Rendered as data-unsaved, which the browser tests wait on before they reload.
  const unsaved = turns.length > 0 && (!ready.current || turns !== stored.current || pending.current > 0);

  return { list, currentId, storageError, unsaved, open, rename, remove, startNew };
}
