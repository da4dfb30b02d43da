// What a WeChat user gets back for a message: the answer within the reply deadline, once per message however often it is delivered.
import { formatAnswerText } from './format-answer-text.js';
import { messageKey, type InboundMessage } from './inbound-message.js';
import { paginateText, type PaginateOptions } from './paginate-text.js';
import type { ConversationTurn, WechatAnswer, WechatAnswered, WechatAnswerer } from './wechat-answerer.js';
import { createWechatReplyStore, type MessageEntry, type WechatReplyStore } from './wechat-reply-store.js';

export const WECHAT_TEXTS = {
  help: '您好！这里可以查询各地法治政府建设情况报告。\n请直接输入问题，例如：\n海东市2020年在行政复议方面做了哪些工作？\n回答会注明出处（报告与章节）。',
  unsupported: '抱歉，目前只能回答文字提问，请用文字输入您的问题。',
  slow: '答案正在生成，请稍后回复任意内容查看答案',
  stillPending: '答案仍在生成中，请稍后回复任意内容查看答案',
  noMore: '没有更多后续内容了，请直接输入新的问题。',
  failed: '抱歉，暂时无法回答这个问题，请稍后再试。',
  busy: '当前提问的人较多，请稍后再问一次。',
} as const;

/** WeChat gives up after 5 s; replying by 4.5 s leaves room for the network. */
export const WECHAT_REPLY_DEADLINE_MS = 4500;

const continueCommand = /^(?:继续|繼續|下一页|更多|继续查看)[。.!！]?$/;

export interface WechatConversationOptions<Result extends WechatAnswer = WechatAnswer> {
  answerer: WechatAnswerer<Result>;
  /** Messages and users (default: in memory, 48 h, 10 000 of each). */
  store?: WechatReplyStore;
  /** The text of an answer before its source footer (default its `answer`; the API adds the fallback note). */
  answerText?: (result: Result) => string;
  /**
   * Pushes a late answer (customer-service API); when absent, the user is told to write again
   * and the answer waits for their next message.
   */
  push?: (userId: string, text: string) => Promise<void>;
  /** Called when a push fails (the answer then waits for the user's next message). */
  onPushError?: (error: unknown) => void;
  /** Told of every answer computed (the query log). */
  onAnswer?: (answered: WechatAnswered<Result>) => void;
  /** Earlier turns kept for follow-up questions (default 6). */
  historyTurns?: number;
  /** Characters of an earlier answer kept in the history (default 600: enough to resolve a follow-up, small enough to keep 10 000 users in memory). */
  historyTurnChars?: number;
  /** How answers are cut into pages (default: WeChat's 2048 bytes, with the 「继续」 hint). */
  pagination?: PaginateOptions;
}

export interface WechatConversation {
  /** The reply text for this delivery, or null for the bare `success` (nothing to show, or too late). */
  reply(message: InboundMessage, deadline: number): Promise<string | null>;
}

type WaitOutcome = 'ready' | 'timeout' | 'superseded';

export function createWechatConversation<Result extends WechatAnswer>({
  answerer,
  store = createWechatReplyStore(),
  answerText = (result) => result.answer,
  push,
  onPushError,
  onAnswer,
  historyTurns = 6,
  historyTurnChars = 600,
  pagination,
}: WechatConversationOptions<Result>): WechatConversation {
  const notice = (message: InboundMessage, key: string, text: string): MessageEntry => ({
    key,
    userId: message.fromUserName,
    kind: 'notice',
    pages: Promise.resolve([text]),
    ready: [text],
    deferred: false,
    createdAt: store.now(),
  });

  async function computeAnswer(userId: string, question: string, history: ConversationTurn[]): Promise<string[]> {
    try {
      const started = performance.now();
      const result = await answerer.ask({ question, history });
      onAnswer?.({ question, history, result, latencyMs: performance.now() - started, userId });
      // The same checked answer as every channel; answerText may add why a fallback stands in.
      const text = formatAnswerText({ answer: answerText(result), citations: result.citations });
      const user = store.getUser(userId);
      user.history = [...user.history, { role: 'user' as const, content: question }, { role: 'assistant' as const, content: result.answer.slice(0, historyTurnChars) }].slice(
        -historyTurns,
      );
      store.saveUser(userId, user);
      return paginateText(text, pagination);
    } catch (error) {
      // Refused at the door (the answer queue is past its bound): said at once, while the reply can still go out.
      return [(error as { code?: unknown }).code === 'overloaded' ? WECHAT_TEXTS.busy : WECHAT_TEXTS.failed];
    }
  }

  /** Decides what this (first delivery of a) message means; runs once per message key. */
  function start(message: InboundMessage, key: string): MessageEntry {
    const userId = message.fromUserName;
    if (message.msgType === 'event') {
      return notice(message, key, message.event?.toLowerCase() === 'subscribe' ? WECHAT_TEXTS.help : '');
    }
    const question = (message.msgType === 'text' ? message.content : message.msgType === 'voice' ? message.recognition : undefined)?.trim();
    if (question === undefined) return notice(message, key, WECHAT_TEXTS.unsupported);
    if (question === '') return notice(message, key, WECHAT_TEXTS.help);

    const user = store.getUser(userId);
    if (continueCommand.test(question)) {
      const next = user.remaining.shift();
      store.saveUser(userId, user);
      if (next !== undefined) return notice(message, key, next);
      if (!user.pendingKey) return notice(message, key, WECHAT_TEXTS.noMore);
    }
    if (user.pendingKey) {
      // An earlier answer missed its deadline: this message (whatever it says) collects it.
      const pending = store.getMessage(user.pendingKey);
      if (pending?.ready) {
        user.pendingKey = undefined;
        store.saveUser(userId, user);
        pending.delivered = pending.ready[0];
        return { ...notice(message, key, ''), kind: 'answer', pages: Promise.resolve(pending.ready), ready: pending.ready };
      }
      if (pending) return notice(message, key, WECHAT_TEXTS.stillPending);
      user.pendingKey = undefined;
      store.saveUser(userId, user);
    }

    const entry: MessageEntry = {
      key,
      userId,
      kind: 'answer',
      pages: computeAnswer(userId, question, user.history),
      deferred: false,
      createdAt: store.now(),
    };
    void entry.pages.then((pages) => {
      entry.ready = pages;
    });
    return entry;
  }

  /** Records what went back and keeps the further pages of a long answer for "继续". */
  function deliver(entry: MessageEntry): string | null {
    const pages = entry.ready ?? [];
    const text = pages[0] ?? '';
    entry.delivered = text;
    if (entry.kind === 'answer') {
      const user = store.getUser(entry.userId);
      user.remaining = pages.slice(1);
      if (user.pendingKey === entry.key) user.pendingKey = undefined;
      store.saveUser(entry.userId, user);
    }
    return text === '' ? null : text;
  }

  function wait(entry: MessageEntry, deadline: number): Promise<WaitOutcome> {
    if (entry.ready) return Promise.resolve('ready');
    return new Promise<WaitOutcome>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), Math.max(0, deadline - Date.now()));
      const settle = (outcome: WaitOutcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      entry.release = () => settle('superseded');
      void entry.pages.then(() => settle('ready'));
    });
  }

  function pushWhenReady(entry: MessageEntry, pushText: (userId: string, text: string) => Promise<void>): void {
    void entry.pages.then(async (pages) => {
      if (entry.delivered !== undefined) return;
      try {
        await pushText(entry.userId, pages[0] ?? WECHAT_TEXTS.failed);
        deliver(entry);
      } catch (error) {
        onPushError?.(error);
        const user = store.getUser(entry.userId);
        user.pendingKey = entry.key;
        store.saveUser(entry.userId, user);
      }
    });
  }

  /** A message another process claimed first: its pages come from that process (a retry that landed here). */
  function follow(message: InboundMessage, key: string): MessageEntry {
    const entry: MessageEntry = {
      key,
      userId: message.fromUserName,
      kind: 'answer',
      // With the pages comes the user state the other process wrote with them (the answer's turn in the history).
      pages: store.awaitPublished!(key).then(
        async (pages) => {
          await store.loadUser?.(message.fromUserName);
          return pages ?? [WECHAT_TEXTS.failed];
        },
        () => [WECHAT_TEXTS.failed],
      ),
      deferred: false,
      createdAt: store.now(),
    };
    void entry.pages.then((pages) => {
      entry.ready = pages;
    });
    return entry;
  }

  /** The entry of this message: started here, followed from the process that claimed it, or already known. */
  async function entryFor(message: InboundMessage, key: string): Promise<MessageEntry> {
    const known = store.getMessage(key);
    if (known) return known;
    if (!store.claim) {
      const entry = start(message, key);
      store.putMessage(entry);
      return entry;
    }
    await store.loadUser?.(message.fromUserName);
    const mine = await store.claim(key);
    // Another delivery of the same message may have started here while the claim was on its way.
    const raced = store.getMessage(key);
    if (raced) return raced;
    const entry = mine ? start(message, key) : follow(message, key);
    if (mine && store.publish) void entry.pages.then((pages) => store.publish!(key, pages)).catch(() => {});
    store.putMessage(entry);
    return entry;
  }

  return {
    async reply(message, deadline) {
      try {
        return await replyTo(message, deadline);
      } finally {
        await store.flushUsers?.();
      }
    },
  };

  async function replyTo(message: InboundMessage, deadline: number): Promise<string | null> {
    {
      const key = messageKey(message);
      const entry = await entryFor(message, key);
      // WeChat has stopped listening to an earlier delivery still waiting: it answers `success`.
      entry.release?.();
      entry.release = undefined;
      // Once a push is under way (or done), a passive reply would show the answer twice.
      if (entry.deferred && push) return null;
      if (entry.delivered !== undefined) return entry.delivered === '' ? null : entry.delivered;

      const outcome = await wait(entry, deadline);
      if (outcome === 'ready') return entry.delivered !== undefined ? entry.delivered || null : deliver(entry);
      if (outcome === 'superseded' || entry.deferred) return null;

      entry.deferred = true;
      if (push) {
        pushWhenReady(entry, push);
        return null;
      }
      const user = store.getUser(entry.userId);
      user.pendingKey = entry.key;
      store.saveUser(entry.userId, user);
      return WECHAT_TEXTS.slow;
    }
  }
}
