// Wire-format validation: the messages users see are Chinese and the limits hold.
import { describe, expect, it } from 'vitest';
import { askRequestSchema, askStreamEventSchema, MAX_QUESTION_LENGTH } from '@report-qa/schema';

describe('askRequestSchema', () => {
  it('accepts a plain question and trims it', () => {
    expect(askRequestSchema.parse({ question: '  海东市2020年收到多少件行政复议申请？ ' }).question).toBe('海东市2020年收到多少件行政复议申请？');
  });

  it('rejects an empty question with a Chinese message', () => {
    const result = askRequestSchema.safeParse({ question: '   ' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('问题不能为空');
  });

  it('rejects an over-long question', () => {
    const result = askRequestSchema.safeParse({ question: '问'.repeat(MAX_QUESTION_LENGTH + 1) });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('过长');
  });

  it('rejects unknown filter fields', () => {
    expect(askRequestSchema.safeParse({ question: '问', filters: { city: '西宁' } }).success).toBe(false);
  });
});

describe('askStreamEventSchema', () => {
  it('accepts a replace event and refuses one without its notice', () => {
    const replace = { event: 'replace', data: { notice: '（大模型的回答中断。以上内容作废）', mode: 'extractive', citations: [] } };
    expect(askStreamEventSchema.parse(replace)).toEqual(replace);
    expect(askStreamEventSchema.safeParse({ event: 'replace', data: { mode: 'extractive', citations: [] } }).success).toBe(false);
    expect(askStreamEventSchema.safeParse({ event: 'unknown', data: {} }).success).toBe(false);
  });
});
