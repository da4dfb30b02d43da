// The answer recorder: identifiers hashed before they reach the log, and a failing write reported, never thrown.
import { afterEach, describe, expect, it } from 'vitest';
import { memoryQueryLog, type AnswerLogging } from './answer-logging.js';
import { createAnswerRecorder, type AnsweredQuestion } from './record-answer.js';

const opened: AnswerLogging[] = [];
afterEach(async () => {
  for (const logging of opened.splice(0)) await logging.log.close().catch(() => {});
});

const answered = (change: Partial<AnsweredQuestion> = {}): AnsweredQuestion => ({
  id: 'a1',
  channel: 'wechat',
  question: '那2021年呢？',
  history: [{ role: 'user', content: '海东市2020年收到多少件行政复议申请？' }],
  result: { question: '海东市2021年收到多少件行政复议申请？', scope: { filters: {} }, mode: 'extractive', answer: '93件[1]。', citations: [], notFound: false },
  latencyMs: 5,
  ...change,
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('createAnswerRecorder', () => {
  it('records the rewritten question and the hashes of the user and the client, never them in clear', async () => {
    const logging = memoryQueryLog();
    opened.push(logging);
    const record = createAnswerRecorder({ logging, onError: (error) => expect.fail(String(error)) });
    record(answered({ user: 'openid-1', client: '203.0.113.7' }));
    await settle();
    const stored = await logging.log.get('a1');
    expect(stored?.rewrittenQuestion).toBe('海东市2021年收到多少件行政复议申请？');
    expect(stored?.userHash).toBe(logging.hashIdentifier('openid-1'));
    expect(stored?.clientHash).toBe(logging.hashIdentifier('203.0.113.7'));
  });

  it('stores no hash for an unknown client', async () => {
    const logging = memoryQueryLog();
    opened.push(logging);
    createAnswerRecorder({ logging, onError: () => {} })(answered({ client: 'unknown', user: null }));
    await settle();
    const stored = await logging.log.get('a1');
    expect(stored?.clientHash).toBeNull();
    expect(stored?.userHash).toBeNull();
  });

  it('hands a failed write to onError with the answer id', async () => {
    const logging = memoryQueryLog();
    await logging.log.close();
    const failures: string[] = [];
    createAnswerRecorder({ logging, onError: (_error, answerId) => failures.push(answerId) })(answered());
    await settle();
    expect(failures).toEqual(['a1']);
  });
});
