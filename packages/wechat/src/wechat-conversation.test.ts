// The conversation without HTTP: one computation per message, the reply deadline, 「继续」 pages, what the app supplies.
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from './inbound-message.js';
import { CONTINUE_HINT } from './paginate-text.js';
import { createFakeWechatAnswerer } from './testing/fake-wechat-answerer.js';
import { createWechatConversation, WECHAT_TEXTS } from './wechat-conversation.js';

let sequence = 0;
const text = (content: string, msgId = String((sequence += 1))): InboundMessage => ({
  toUserName: 'gh_account',
  fromUserName: 'oUser1',
  createTime: '1700000000',
  msgType: 'text',
  content,
  msgId,
  fields: {},
});
const soon = (ms = 2000) => Date.now() + ms;

describe('createWechatConversation', () => {
  it('answers once per message, however often WeChat delivers it, with the source footer', async () => {
    const answerer = createFakeWechatAnswerer({ delayMs: 50 });
    const conversation = createWechatConversation({ answerer });
    const message = text('海东市2020年收到多少件行政复议申请？');
    const [first, second] = await Promise.all([conversation.reply(message, soon()), conversation.reply(message, soon())]);
    // The older delivery gives way to the newer one: WeChat no longer listens to it.
    expect(first).toBeNull();
    expect(second).toContain('关于「海东市2020年收到多少件行政复议申请？」');
    expect(second).toContain('\n\n来源：[1] 海东市2020年报告');
    expect(await conversation.reply(message, soon())).toBe(second);
    expect(answerer.calls).toHaveLength(1);
  });

  it('tells the user to come back when the answer misses the deadline, and gives it with their next message', async () => {
    const answerer = createFakeWechatAnswerer({ delayMs: 100 });
    const conversation = createWechatConversation({ answerer });
    expect(await conversation.reply(text('问题一'), Date.now() + 10)).toBe(WECHAT_TEXTS.slow);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await conversation.reply(text('在吗'), soon())).toContain('关于「问题一」');
    expect(answerer.calls.map((call) => call.question)).toEqual(['问题一']);
  });

  it('pushes a late answer when it can push, and replies nothing in the meantime', async () => {
    const pushed: [string, string][] = [];
    const conversation = createWechatConversation({
      answerer: createFakeWechatAnswerer({ delayMs: 50 }),
      push: async (userId, reply) => void pushed.push([userId, reply]),
    });
    expect(await conversation.reply(text('问题二'), Date.now() + 10)).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pushed).toHaveLength(1);
    expect(pushed[0]![0]).toBe('oUser1');
    expect(pushed[0]![1]).toContain('关于「问题二」');
  });

  it('pages a long answer and gives the next page on 「继续」, then says there is no more', async () => {
    const long = Array.from({ length: 40 }, (_, index) => `${index + 1}. 全面推进依法行政，加强行政执法监督，落实行政执法责任制。`).join('\n');
    const conversation = createWechatConversation({ answerer: createFakeWechatAnswerer({ answer: () => long }), pagination: { maxBytes: 1024 } });
    const first = await conversation.reply(text('长问题'), soon());
    expect(first!.endsWith(CONTINUE_HINT)).toBe(true);
    let last = first;
    for (let page = 0; page < 10 && last!.endsWith(CONTINUE_HINT); page += 1) last = await conversation.reply(text('继续'), soon());
    expect(last).toContain('来源：');
    expect(await conversation.reply(text('继续'), soon())).toBe(WECHAT_TEXTS.noMore);
  });

  it('shows the text the app makes of a result, keeps the history and tells the app of each answer', async () => {
    const answered: string[] = [];
    const answerer = createFakeWechatAnswerer();
    const conversation = createWechatConversation({
      answerer,
      answerText: (result) => `${result.answer}（备注）`,
      onAnswer: ({ question, userId }) => answered.push(`${userId}:${question}`),
      historyTurns: 2,
    });
    expect(await conversation.reply(text('问题三'), soon())).toContain('[1]。（备注）');
    await conversation.reply(text('问题四'), soon());
    expect(answered).toEqual(['oUser1:问题三', 'oUser1:问题四']);
    expect(answerer.calls[1]!.history).toEqual([
      { role: 'user', content: '问题三' },
      { role: 'assistant', content: '关于「问题三」：海东市全面落实“谁执法谁普法”普法责任制[1]。' },
    ]);
  });

  it('says the service is busy for an overloaded answerer and apologises for any other failure', async () => {
    const busy = createWechatConversation({ answerer: createFakeWechatAnswerer({ fail: Object.assign(new Error('queue full'), { code: 'overloaded' }) }) });
    const failing = createWechatConversation({ answerer: createFakeWechatAnswerer({ fail: new Error('boom') }) });
    expect(await busy.reply(text('问题五'), soon())).toBe(WECHAT_TEXTS.busy);
    expect(await failing.reply(text('问题六'), soon())).toBe(WECHAT_TEXTS.failed);
  });
});
