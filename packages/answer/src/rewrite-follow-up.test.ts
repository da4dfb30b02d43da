// Follow-ups become standalone questions by rules: region or year replaced, or the new ask appended.
import { describe, expect, it } from 'vitest';
import { isFollowUp, rewriteFollowUp } from './rewrite-follow-up.js';
import { createTestSearcher } from './test-searcher.js';

const documents = createTestSearcher().documents();
const ask = (content: string) => [
  { role: 'user' as const, content },
  { role: 'assistant' as const, content: '……[1]' },
];

describe('rewriteFollowUp', () => {
  it('replaces the year', () => {
    expect(rewriteFollowUp('那2021年呢？', ask('海西州2020年法律援助办了多少件？'), documents)).toBe('海西州2021年法律援助办了多少件？');
  });

  it('replaces the region and drops a year the new region has no report for', () => {
    expect(rewriteFollowUp('海西呢？', ask('西宁市2022年行政复议收了多少件？'), documents)).toBe('海西行政复议收了多少件？');
    expect(rewriteFollowUp('城东区呢', ask('西宁市行政复议收了多少件？'), documents)).toBe('城东区行政复议收了多少件？');
  });

  it('keeps the year when the new region has a report for it', () => {
    expect(rewriteFollowUp('湟中呢？', ask('海东市2020年行政复议收了多少件？'), documents)).toBe('湟中2020年行政复议收了多少件？');
  });

  it('treats an unknown region name as a region', () => {
    expect(rewriteFollowUp('那海南州呢？', ask('海东市2020年行政复议收了多少件？'), documents)).toBe('海南州2020年行政复议收了多少件？');
  });

  it('appends a new ask to the last question', () => {
    expect(rewriteFollowUp('具体有哪些措施', ask('西宁市2022年是怎么推进行政复议的？'), documents)).toBe(
      '西宁市2022年是怎么推进行政复议的，有哪些措施？',
    );
  });

  it('leaves standalone questions and first questions alone', () => {
    expect(isFollowUp('海东市2020年一共收到多少件行政复议申请？')).toBe(false);
    expect(rewriteFollowUp('海东市2020年人民调解成功率是多少？', ask('西宁市行政复议收了多少件？'), documents)).toBe(
      '海东市2020年人民调解成功率是多少？',
    );
    expect(rewriteFollowUp('那2021年呢？', [], documents)).toBe('那2021年呢？');
  });
});
