// A fake WechatAnswerer: records every question, answers after a chosen delay with one citation.
import type { ConversationTurn, WechatAnswer, WechatAnswerer } from '../wechat-answerer.js';

export interface FakeWechatAnswerer extends WechatAnswerer {
  calls: { question: string; history: ConversationTurn[] }[];
}

export interface FakeWechatAnswererOptions {
  /** Milliseconds before the answer is ready (default 0). */
  delayMs?: number;
  /** The answer text (default: a short cited sentence that repeats the question). */
  answer?: (question: string) => string;
  /** Throw this instead of answering. */
  fail?: unknown;
}

export function createFakeWechatAnswerer({ delayMs = 0, answer, fail }: FakeWechatAnswererOptions = {}): FakeWechatAnswerer {
  const calls: FakeWechatAnswerer['calls'] = [];
  const textFor = answer ?? ((question: string) => `关于「${question}」：海东市全面落实“谁执法谁普法”普法责任制[1]。`);
  return {
    calls,
    async ask(input): Promise<WechatAnswer> {
      calls.push(input);
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (fail !== undefined) throw fail;
      return {
        answer: textFor(input.question),
        citations: [
          {
            n: 1,
            source: '000_2c522bdb5677e79f.txt',
            title: '海东市2020年法治政府建设情况报告',
            region: '海东市',
            year: 2020,
            sectionPath: '一、主要工作 > （七）坚持多方联动，全面推进法治宣传教育',
          },
        ],
      };
    },
  };
}
