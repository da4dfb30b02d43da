// Extractive answers over the sample reports: exact quotes, supported figures, not-found, comparisons, follow-ups.
import { describe, expect, it } from 'vitest';
import { createAnswerer } from './create-answerer.js';
import { extractFigures, figuresMissingFrom } from './extract-figures.js';
import { normalizeText } from './normalize-text.js';
import { createFakeSearcher, readReport } from './testing/index.js';
import type { AnswerEvent, AnswerResult } from './types.js';

const searcher = createFakeSearcher();
const answerer = createAnswerer({ searcher });

function expectExactCitations(result: AnswerResult): void {
  expect(result.citations.length).toBeGreaterThan(0);
  for (const citation of result.citations) {
    const original = searcher.getDocument(citation.docId)?.original ?? '';
    expect(citation.quote).toBe(original.slice(citation.start, citation.end));
    expect(readReport(citation.source).includes(citation.quote)).toBe(true);
    expect(result.answer).toContain(`[${citation.n}]`);
  }
  expect(figuresMissingFrom(result.answer, result.citations.map((citation) => citation.quote))).toEqual([]);
}

const has = (text: string, needle: string) => normalizeText(text).includes(normalizeText(needle));

describe('extractive answers', () => {
  it('answers a number question with the figure in the unit asked, quoting the report exactly', async () => {
    const result = await answerer.ask({ question: '海东市2020年一共收到多少件行政复议申请？' });
    expect(result.mode).toBe('extractive');
    expect(result.notFound).toBe(false);
    expect(has(result.answer, '93件')).toBe(true);
    expectExactCitations(result);
    expect(result.citations[0]?.source).toBe('000_2c522bdb5677e79f.txt');
  });

  it('answers a question with two figures (件次 and 人次)', async () => {
    const result = await answerer.ask({ question: '城东区2017年接待群众信访多少件次、多少人次' });
    expect(has(result.answer, '541件次')).toBe(true);
    expect(has(result.answer, '3954人次')).toBe(true);
    expectExactCitations(result);
  });

  it('answers a list question with the enumerated items', async () => {
    const result = await answerer.ask({ question: '湟中区2020年度法治政府建设存在哪些不足？' });
    for (const item of ['法治学习教育', '三项制度', '基层法治工作队伍']) expect(has(result.answer, item)).toBe(true);
    expectExactCitations(result);
  });

  it('keeps only the items on the topic when the chosen sentence is itself an item', async () => {
    const result = await answerer.ask({ question: '湟中区自然资源执法借助哪些时间节点开展普法宣传' });
    expect(has(result.answer, '4.25')).toBe(true);
    expect(has(result.answer, '6.25')).toBe(true);
    expect(result.answer).not.toContain('七是');
    expectExactCitations(result);
  });

  it('answers 「做了什么」 with the item and its details', async () => {
    const result = await answerer.ask({ question: '西宁市2022年在行政复议方面做了什么' });
    expect(result.answer).toMatch(/^三是持续深化行政复议体制改革；/u);
    expect(result.answer.length).toBeGreaterThan(60);
    expectExactCitations(result);
  });

  it('answers a fact question with the named thing', async () => {
    const result = await answerer.ask({ question: '海东市停车管理办法是市政府第几次常务会通过的' });
    expect(has(result.answer, '第73次')).toBe(true);
    expectExactCitations(result);
  });

  it('keeps every figure of the answer inside a cited quote', async () => {
    const result = await answerer.ask({ question: '西宁2022年行政诉讼案件多少件？负责人出庭应诉率呢' });
    expect(extractFigures(result.answer).length).toBeGreaterThan(0);
    expectExactCitations(result);
  });
});

describe('not found', () => {
  it('says so for a region the library lacks, naming what it has', async () => {
    const result = await answerer.ask({ question: '海南州2021年行政机关负责人出庭应诉率多少' });
    expect(result.notFound).toBe(true);
    expect(result.citations).toEqual([]);
    expect(result.answer).toContain('未在已收录的报告中找到');
    expect(result.answer).toContain('海南州');
    expect(result.answer).toContain('西宁市');
  });

  it('says so for a year the library lacks', async () => {
    const result = await answerer.ask({ question: '城东区2018年行政诉讼胜诉率是多少' });
    expect(result.notFound).toBe(true);
    expect(result.answer).toContain('2018年');
    expect(result.answer).toContain('2017');
  });

  it('says so for a question the reports do not answer', async () => {
    const result = await answerer.ask({ question: '海东市2020年的GDP是多少' });
    expect(result.notFound).toBe(true);
    expect(result.citations).toEqual([]);
  });
});

describe('evidence that only looks like an answer', () => {
  it('does not answer a count of something the report never counts from a nearby figure', async () => {
    // 海西's report counts law-enforcement staff (877名) but never lawyers; 全州 is scope, not topic.
    const lawyers = await answerer.ask({ question: '海西州2021年全州一共有多少名律师' });
    expect(lawyers.notFound).toBe(true);
    // 第73次常务会议 is an ordinal, not a number of times.
    const times = await answerer.ask({ question: '海东市2020年政府常务会议学法几次' });
    expect(times.answer).not.toContain('第73次');
  });
});

describe('comparisons', () => {
  it('answers report by report, one row each, with 未提及 where a report is silent', async () => {
    const result = await answerer.ask({ question: '湟中和城东的村（社区）法律顾问各有多少个' });
    const lines = result.answer.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^西宁市湟中区：/u);
    expect(lines[1]).toMatch(/^西宁市城东区：/u);
    expectExactCitations(result);

    const silent = await answerer.ask({ question: '海东和城东区的普法机器人叫什么名字' });
    const rows = silent.answer.split('\n');
    expect(rows.find((row) => row.startsWith('海东市'))).toContain('青小律');
    expect(rows.find((row) => row.startsWith('西宁市城东区'))).toBe('西宁市城东区：未提及');
  });
});

describe('follow-ups', () => {
  it('rewrites 「那…呢」 against the last user question and answers it', async () => {
    const history = [
      { role: 'user' as const, content: '海东市2020年人民调解成功率是多少？' },
      { role: 'assistant' as const, content: '调解成功率98.37%[1]。' },
    ];
    const result = await answerer.ask({ question: '湟中区呢？', history });
    expect(result.question).toBe('湟中区2020年人民调解成功率是多少？');
    expect(result.citations[0]?.source).toBe('001_f8b6fe307ef2b7ed.txt');
  });
});

describe('stream', () => {
  it('emits meta, citations, deltas and done, the deltas adding up to the answer', async () => {
    const events: AnswerEvent[] = [];
    for await (const event of answerer.stream({ question: '湟中自然资源执法收了多少罚没款' })) events.push(event);
    const types = events.map((event) => event.type);
    expect(types.slice(0, 2)).toEqual(['citations', 'meta']);
    expect(types.at(-1)).toBe('done');
    expect(types.slice(2, -1).every((type) => type === 'delta')).toBe(true);
    const done = events.at(-1);
    const text = events.flatMap((event) => (event.type === 'delta' ? [event.text] : [])).join('');
    expect(done?.type === 'done' && done.result.answer).toBe(text);
    expect(has(text, '34.19万元')).toBe(true);
  });

  it('falls back with a reason when the LLM is asked for but not configured', async () => {
    const result = await answerer.ask({ question: '湟中自然资源执法收了多少罚没款', mode: 'llm' });
    expect(result.mode).toBe('extractive');
    expect(result.fallback?.reason).toContain('未配置');
  });
});
