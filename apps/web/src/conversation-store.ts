// Conversations kept in the browser (IndexedDB through idb-keyval), so a reload or a closed tab loses nothing.
import { createStore, del, get, set, values, type UseStore } from 'idb-keyval';
import type { Turn } from './use-conversation.js';

export interface SavedConversation {
  id: string;
  title: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  turns: Turn[];
}

export type ConversationSummary = Omit<SavedConversation, 'turns'> & { questions: number };

/** The most conversations kept; the oldest go first. */
const MAX_CONVERSATIONS = 200;
const CURRENT_KEY = 'report-qa:conversation';

let store: UseStore | null = null;
const conversations = () => (store ??= createStore('report-qa', 'conversations'));

export const newConversationId = () => `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** A title from the first question, short enough for the list. */
export const titleFrom = (question: string) => (question.length > 40 ? `${question.slice(0, 40)}…` : question);

export async function listConversations(): Promise<ConversationSummary[]> {
  const all = (await values<SavedConversation>(conversations())).filter((item) => item && Array.isArray(item.turns));
  all.sort((a, b) => b.updatedAt - a.updatedAt);
  for (const stale of all.slice(MAX_CONVERSATIONS)) await del(stale.id, conversations());
  return all.slice(0, MAX_CONVERSATIONS).map(({ turns, ...summary }) => ({ ...summary, questions: turns.length }));
}

export async function loadConversation(id: string): Promise<SavedConversation | null> {
  const saved = await get<SavedConversation>(id, conversations());
  return saved && Array.isArray(saved.turns) ? saved : null;
}

export async function saveConversation(conversation: SavedConversation): Promise<void> {
  await set(conversation.id, conversation, conversations());
}

export async function deleteConversation(id: string): Promise<void> {
  await del(id, conversations());
}

/** Which conversation this browser showed last (opened again after a reload). */
export function loadCurrentId(): string | null {
  try {
    return localStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
}

export function saveCurrentId(id: string | null): void {
  try {
    if (id) localStorage.setItem(CURRENT_KEY, id);
    else localStorage.removeItem(CURRENT_KEY);
  } catch {
    // Storage refused (private mode): the conversation is still kept in IndexedDB.
  }
}
