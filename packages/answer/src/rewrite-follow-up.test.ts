// Follow-ups become standalone questions by rules: region or year replaced, or the new ask appended.
import { describe, expect, it } from 'vitest';
import { isFollowUp, rewriteFollowUp } from './rewrite-follow-up.js';
import { createFakeSearcher } from './testing/index.js';

const documents = createFakeSearcher().documents();
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

  it('treats an unknown region name as a region (and drops a year it has no report for)', () => {
    expect(rewriteFollowUp('那海南州呢？', ask('海东市2020年行政复议收了多少件？'), documents)).toBe('海南州行政复议收了多少件？');
  });

  it('appends a new ask to the last question', () => {
    expect(rewriteFollowUp('具体有哪些措施', ask('西宁市2022年是怎么推进行政复议的？'), documents)).toBe(
      '西宁市2022年是怎么推进行政复议，有哪些措施？',
    );
  });

  const chain = (...turns: string[]) => turns.flatMap((content) => ask(content));

  it('holds three-turn chains: each follow-up replaces only what it changes', () => {
    const first = '海东市2020年收到多少件行政复议申请？';
    expect(rewriteFollowUp('那海西呢？', chain(first), documents)).toBe('海西收到多少件行政复议申请？');
    expect(rewriteFollowUp('2021年呢？', chain(first, '那海西呢？'), documents)).toBe('海西2021年收到多少件行政复议申请？');
    expect(rewriteFollowUp('应诉案件呢？', chain(first, '那海西呢？', '2021年呢？'), documents)).toBe('海西2021年应诉案件有多少件？');
    expect(rewriteFollowUp('它的办结率呢？', chain('海东市行政服务中心2020年受理了多少件事项？'), documents)).toBe(
      '海东市2020年行政服务中心受理了多少件事项，办结率？',
    );
  });

  it('carries the place of a question that names none, and keeps a question of its own as it is', () => {
    expect(rewriteFollowUp('法律顾问审查了多少件合同？', chain('湟中区2020年参加了几次“法宣在线”竞答活动？'), documents)).toBe(
      '湟中区2020年法律顾问审查了多少件合同？',
    );
    expect(rewriteFollowUp('那海东2020年在行政调解上专门发过什么文件？', chain('西宁2022年建成了几个调解中心？'), documents)).toBe(
      '海东2020年行政调解上专门发过什么文件？',
    );
    expect(rewriteFollowUp('各地的负责人出庭应诉率分别是多少？', chain('海东市2020年收到多少件行政复议申请？'), documents)).toBe(
      '各地的负责人出庭应诉率分别是多少？',
    );
  });

  it('keeps a city to its own reports: a district’s year does not carry over to its city', () => {
    expect(rewriteFollowUp('西宁呢？', chain('城东区2017年行政诉讼胜诉率是多少？'), documents)).toBe('西宁行政诉讼胜诉率是多少？');
  });

  it('asks a new topic the way the earlier one was asked', () => {
    expect(rewriteFollowUp('胜诉率呢？', chain('城东区2017年行政诉讼案件有多少件？'), documents)).toBe('城东区2017年胜诉率是多少？');
  });

  it('reads relative years against the date of the question', () => {
    expect(rewriteFollowUp('去年呢？', chain('海西州2020年法律援助办了多少件？'), documents, new Date('2022-03-01'))).toBe(
      '海西州2021年法律援助办了多少件？',
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
