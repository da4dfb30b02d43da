// Tests of the copied plain-text answer.
import type { Citation } from '@report-qa/schema';
import { describe, expect, it } from 'vitest';
import { copyAnswerText } from './copy-answer-text.js';

const citation = (n: number, overrides: Partial<Citation>): Citation => ({
  n,
  chunkId: `c${n}`,
  docId: 'd',
  source: '000_2c522bdb5677e79f.txt',
  title: null,
  region: null,
  year: null,
  sectionPath: '',
  quote: 'q',
  start: 0,
  end: 1,
  ...overrides,
});

describe('copyAnswerText', () => {
  it('lists each source with its report, section and exact quote', () => {
    const text = copyAnswerText('共收到68件[1]。\n', [
      citation(1, { title: '海东市2020年法治政府建设情况报告', sectionPath: '一、工作 > （八）复议', quote: '收到行政复议申请68件' }),
      citation(2, { region: '西宁市', year: 2022, quote: ' 其他 ' }),
    ]);
    expect(text).toBe(
      '共收到68件[1]。\n\n来源：\n[1] 海东市2020年法治政府建设情况报告 › 一、工作 > （八）复议\n「收到行政复议申请68件」\n[2] 西宁市 2022年\n「其他」',
    );
  });

  it('falls back to the file name and copies a bare answer without a sources block', () => {
    expect(copyAnswerText('x[1]', [citation(1, {})])).toContain('[1] 000_2c522bdb5677e79f.txt\n「q」');
    expect(copyAnswerText(' 未找到 ', [])).toBe('未找到');
  });
});
