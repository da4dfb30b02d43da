// The keyword tokenizer keeps domain terms whole and drops stop and question words.
import { describe, expect, it } from 'vitest';
import { createKeywordTokenizer, normalizeForTokens } from './keyword-tokenizer.js';

const tokenizer = createKeywordTokenizer();

describe('createKeywordTokenizer', () => {
  it('keeps domain terms that jieba would split', () => {
    const tokens = tokenizer.tokenize('推进法治政府建设，全面推行双随机一公开监管，加强行政执法三项制度');
    expect(tokens).toContain('法治政府');
    expect(tokens).toContain('双随机');
    expect(tokens).toContain('双随机一公开');
    expect(tokens).toContain('行政执法三项制度');
  });

  it('drops function words, punctuation and question words', () => {
    const tokens = tokenizer.queryTokens('海东市一共收到多少件行政复议申请？都有哪些呢');
    expect(tokens).toContain('行政复议');
    for (const stop of ['多少', '哪些', '呢', '？', '一共']) expect(tokens).not.toContain(stop);
  });

  it('joins figures split by stray spaces so they match the question', () => {
    expect(normalizeForTokens('共 236 名 执法人员')).toBe('共236名执法人员');
    expect(tokenizer.tokenize('挽回经济损失1920.605万元')).toContain('1920.605');
  });

  it('gives each query token once', () => {
    const tokens = tokenizer.queryTokens('普法 普法 普法');
    expect(tokens).toEqual(['普法']);
  });
});
