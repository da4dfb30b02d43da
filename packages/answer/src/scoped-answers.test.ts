// Answers over the real hybrid index that must respect what a question is about: places only the corpus knows,
// places inside a covered region, two reports of one place and year that disagree, a related but different figure.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIndicatorTable, indicatorSources } from '@report-qa/indicators';
import { ReportIndex } from '@report-qa/retrieval';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnswerer } from './create-answerer.js';
import { figuresMissingFrom } from './extract-figures.js';
import { reportsDir } from './testing/index.js';
import type { AnswerResult, Answerer } from './types.js';

const modelDir = process.env.EMBEDDING_MODEL_DIR;

/** A made-up county report (no gazetteer knows 乙县 or 丙县): its title names the place. */
function countyReport(county: string, reviews: number, aid: number): string {
  return [
    `${county}人民政府关于2023年度法治政府建设情况的报告`,
    '',
    `2023年，${county}人民政府深入推进依法行政，法治政府建设取得新进展。现将有关情况报告如下：`,
    '一、主要工作',
    `（一）加强行政复议工作。全年共受理行政复议案件${reviews}件，办结${reviews - 2}件，行政复议决定书全部网上公开。`,
    `（二）推进公共法律服务。全年受理法律援助案件${aid}件，为困难群众挽回经济损失85万元。`,
    '二、存在的问题',
    '部分干部法治意识有待提升，行政执法规范化水平还需提高。',
    `${county}人民政府`,
    '2024年3月1日',
  ].join('\n');
}

/** A second edition of 海东市's 2020 report whose review figure differs from the sample report's 93件. */
const revisedHaidong = [
  '海东市人民政府关于2020年度法治政府建设工作情况的报告（修订稿）',
  '',
  '2020年，海东市坚持依法行政，各项工作取得新成效。',
  '一、工作开展情况',
  '（八）加强行政复议工作。全年共收到行政复议申请97件，参与行政应诉案件186件，复议决定书在市政府门户网站公开。',
  '海东市人民政府',
  '2021年3月1日',
].join('\n');

const quotesAreExact = (result: AnswerResult, index: ReportIndex) => {
  for (const citation of result.citations) {
    expect(citation.quote).toBe(index.getDocument(citation.docId)?.original.slice(citation.start, citation.end));
  }
  expect(figuresMissingFrom(result.answer, result.citations.map((citation) => citation.quote))).toEqual([]);
};
const compact = (text: string) => text.replace(/\s+/gu, '');

describe.skipIf(!modelDir)('answers that respect the question’s place and year', () => {
  let index: ReportIndex;
  let dir: string;
  let answerer: Answerer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'answer-scope-'));
    index = await ReportIndex.open(dir, { embeddings: { provider: 'local', modelDir: modelDir ?? null } });
    await index.indexReports(reportsDir);
    await index.addReport(countyReport('乙县', 23, 57), 'yixian-2023.txt');
    await index.addReport(countyReport('丙县', 31, 64), 'bingxian-2023.txt');
    answerer = createAnswerer({ searcher: index });
  }, 300_000);
  afterAll(async () => {
    await index?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers a place only the corpus knows with its own figure, never a neighbour’s, and never cites a title', async () => {
    const bing = await answerer.ask({ question: '丙县2023年受理了多少件行政复议案件？' });
    expect(compact(bing.answer)).toContain('31件');
    expect(bing.answer).not.toContain('23件');
    expect(new Set(bing.citations.map((citation) => citation.source))).toEqual(new Set(['bingxian-2023.txt']));
    for (const citation of bing.citations) expect(citation.quote).not.toMatch(/法治政府建设情况的报告$/u);
    quotesAreExact(bing, index);
    const yi = await answerer.ask({ question: '乙县2023年受理了多少件行政复议案件？' });
    expect(compact(yi.answer)).toContain('23件');
    expect(yi.answer).not.toContain('31件');
  });

  it('refuses a place it has no report for, by name', async () => {
    const ding = await answerer.ask({ question: '丁县2023年受理了多少件行政复议案件？' });
    expect(ding.notFound).toBe(true);
    expect(ding.citations).toEqual([]);
    expect(ding.answer).toContain('丁县');
  });

  it('says first that a place inside a covered region has no report, and never gives the region’s figure as its own', async () => {
    const delingha = await answerer.ask({ question: '德令哈市2021年受理了多少件行政复议案件？' });
    expect(delingha.answer).toMatch(/^资料库中没有德令哈市的报告/u);
    expect(delingha.notFound).toBe(true);
    expect(delingha.answer).not.toContain('53件');
    const ledu = await answerer.ask({ question: '乐都区2020年收到多少件行政复议申请？' });
    expect(ledu.answer).toMatch(/^资料库中没有乐都区的报告/u);
    expect(ledu.answer).not.toContain('93件');
  });

  it('quotes what a covered region’s report says about a place inside it, labelled as that region’s report', async () => {
    const golmud = await answerer.ask({ question: '格尔木有个项目被推荐去评全国法治政府示范了，是哪个项目' });
    expect(golmud.answer).toMatch(/^资料库中没有格尔木的报告/u);
    expect(golmud.answer).toContain('海西蒙古族藏族自治州的报告中提到格尔木');
    expect(golmud.citations.length).toBeGreaterThan(0);
    for (const citation of golmud.citations) expect(compact(citation.quote)).toContain('格尔木');
    quotesAreExact(golmud, index);
  });

  it('answers a city from its own report, and a district’s figure only under the district’s name', async () => {
    const own = await answerer.ask({ question: '西宁行政复议案件有多少件？' });
    expect(new Set(own.citations.map((citation) => citation.region))).toEqual(new Set(['西宁市']));
    const district = await answerer.ask({ question: '西宁胜诉率是多少？' });
    expect(district.answer).toMatch(/^西宁市本级的报告未提及；西宁市城东区的报告中：/u);
    quotesAreExact(district, index);
  });

  it('does not give a related figure as the one asked', async () => {
    const lawyers = await answerer.ask({ question: '湟中区选派的65名村社区法律顾问里，真正是执业律师的有多少名？' });
    expect(lawyers.notFound).toBe(true);
    expect(lawyers.citations).toEqual([]);
    expect(lawyers.answer).toContain('未提及');
    const concluded = await answerer.ask({ question: '海东2020年老百姓申请复议告政府的案子，最后办结了多少件？' });
    expect(concluded.notFound).toBe(true);
    // 93件 (applications received) may be shown as related context, never as the answer.
    expect(concluded.answer.split('相关情况')[0]).not.toContain('93件');
  });

  it('does not give a total for an outcome, a plan for a result, or a neighbouring count for the thing asked', async () => {
    const lost = await answerer.ask({ question: '西宁2022年行政诉讼败诉了多少件？' });
    expect(lost.notFound).toBe(true);
    expect(lost.answer.split('相关情况')[0]).not.toContain('135');
    const plan = await answerer.ask({ question: '西宁2022年创建成功了几个全国民主法治示范村？' });
    expect(plan.notFound).toBe(true);
    const centres = await answerer.ask({ question: '海东已经建成的市、县、乡、村四级矛盾纠纷调解中心一共有多少个？' });
    expect(centres.notFound).toBe(true);
    expect(centres.answer.split('相关情况')[0]).not.toContain('1862');
  });

  it('ends a list with the report: the web page’s navigation and footer after it are never part of an answer', async () => {
    // 海西州's report is a saved web page: 上一条：…, 关闭窗口, 网站地图 and 版权所有 follow its last section.
    const plans = await answerer.ask({ question: '海西州下一步在行政复议和行政问责上有哪些打算？' });
    expect(plans.notFound).toBe(false);
    expect(plans.answer).toContain('追究有关人员责任');
    for (const text of [plans.answer, ...plans.citations.map((citation) => citation.quote)]) expect(text).not.toMatch(/上一条|下一条|关闭窗口|网站地图|版权所有/u);
    quotesAreExact(plans, index);
    // A question that rules plans out is answered from what was done.
    const done = await answerer.ask({ question: '海西州2021年（已经做了的，不是下一步计划）自觉接受了哪几种监督？' });
    expect(compact(done.answer)).toContain('民主监督');
  });

  it('answers a region from its own report before the reports of places under it, and a day only with a day', async () => {
    const shortcomings = await answerer.ask({ question: '西宁市在依法行政上还有哪些不足？' });
    expect(shortcomings.notFound).toBe(false);
    expect(new Set(shortcomings.citations.map((citation) => citation.region))).toEqual(new Set(['西宁市']));
    // The report plans the law for 2021 and gives no day it took effect.
    const day = await answerer.ask({ question: '海东的城乡拉面产业发展促进办法是哪一天开始实施的？' });
    expect(day.notFound).toBe(true);
  });

  it('shows an item’s lead with the sentence after it: the lead names a topic, the sentence says what was done', async () => {
    const result = await answerer.ask({ question: '海西2021年和湟中2020年在行政复议体制改革上各做了什么？' });
    const haixi = result.answer.split('\n').find((line) => line.startsWith('海西')) ?? '';
    // 「一是深入推进行政复议体制改革。」 alone says nothing; the next sentence names the plan issued.
    expect(haixi).toContain('一是深入推进行政复议体制改革');
    expect(haixi).toContain('实施方案');
    quotesAreExact(result, index);
  });

  it('does not give a figure counted together with other things as the figure of one of them', async () => {
    // 「承办各级领导交办事项、网络留言、群众来信来访437件」 counts three things at once.
    const part = await answerer.ask({ question: '海东2020年网络留言有多少件？' });
    expect(part.notFound).toBe(true);
    expect(part.citations).toEqual([]);
    expect(part.answer.split('相关情况')[0]).toContain('合计');
    expect(part.answer.split('相关情况')[0]).not.toContain('437');
    const whole = await answerer.ask({ question: '海东2020年领导交办事项、网络留言和群众来信来访一共多少件？' });
    expect(compact(whole.answer)).toContain('437件');
    // A figure for the thing alone, elsewhere in the report, is the answer (「年内受理来信来访798件」).
    const alone = await answerer.ask({ question: '海东市2020年群众来信来访有多少件？' });
    expect(compact(alone.answer)).toContain('798件');
    quotesAreExact(alone, index);
  });

  it('asks a year written after the last of the compared places of every place, and says which place lacks it', async () => {
    // 西宁's report is of 2022, 海西's of 2021: 西宁's 2022 figure is no answer for 2021.
    const mixed = await answerer.ask({ question: '西宁和海西2021年法律援助各办了多少件？' });
    expect(mixed.answer).toMatch(/西宁[^\n]*：未收录2021年的报告/u);
    expect(mixed.answer).not.toContain('3166');
    const neither = await answerer.ask({ question: '西宁和海东2021年法律援助办了多少件？' });
    expect(neither.notFound).toBe(true);
    expect(neither.answer).toContain('西宁市2021年');
    expect(neither.answer).not.toContain('3166');
  });

  it('answers a plan for a year without its own report from the report of the year before, and says so', async () => {
    const plans = await answerer.ask({ question: '城东区2018年下一步工作重点有哪几项？' });
    expect(plans.notFound).toBe(false);
    expect(plans.answer).toMatch(/^已收录的报告中没有西宁市城东区所问年份的报告；以下是其上一年报告中的工作打算：/u);
    expect(plans.citations.every((citation) => citation.year === 2017)).toBe(true);
    quotesAreExact(plans, index);
    // Not a plan: the year's own figures are not in the report of the year before.
    expect((await answerer.ask({ question: '城东区2018年受理了多少件行政复议？' })).notFound).toBe(true);
  });

  it('answers a question about the report itself from what it prints: its date, document number and issuer', async () => {
    const dated = await answerer.ask({ question: '海东市2020年的法治政府报告是哪天印发的？' });
    expect(compact(dated.answer)).toContain('2021年1月15日');
    const numbered = await answerer.ask({ question: '海东2020年报告是哪个单位印发的？文号呢？' });
    expect(numbered.citations.map((citation) => citation.quote)).toEqual(['东政〔2021〕1号', '海东市人民政府']);
    for (const result of [dated, numbered]) quotesAreExact(result, index);
  });

  it('reads 去年 against the date of the question', async () => {
    const lastYear = await answerer.ask({ question: '海西州去年受理了多少件行政复议案件？', now: new Date('2022-04-01T10:00:00+08:00') });
    expect(lastYear.scope.filters.year).toEqual([2021]);
    expect(compact(lastYear.answer)).toContain('53件');
    const thisYear = await answerer.ask({ question: '海西州今年受理了多少件行政复议案件？', now: new Date('2022-04-01T10:00:00+08:00') });
    expect(thisYear.notFound).toBe(true);
    expect(thisYear.answer).toContain('2022年');
  });

  it('shows both of two reports of one place and year that disagree, each with its source', async () => {
    await index.addReport(revisedHaidong, 'haidong-2020-revised.txt');
    const result = await answerer.ask({ question: '海东市2020年收到多少件行政复议申请？' });
    const text = compact(result.answer);
    expect(text).toContain('93件');
    expect(text).toContain('97件');
    expect(result.answer).toContain('说法不一致');
    expect(new Set(result.citations.map((citation) => citation.source))).toEqual(
      new Set(['000_2c522bdb5677e79f.txt', 'haidong-2020-revised.txt']),
    );
    quotesAreExact(result, index);
  });
});

describe.skipIf(!modelDir)('comparisons of a listed indicator', () => {
  let index: ReportIndex;
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'answer-indicators-'));
    index = await ReportIndex.open(dir, { embeddings: { provider: 'local', modelDir: modelDir ?? null } });
    await index.indexReports(reportsDir);
  }, 300_000);
  afterAll(async () => {
    await index?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('answers each place its own clause from the reports when the clauses ask different things of one topic', async () => {
    const answerer = createAnswerer({ searcher: index, indicators: createIndicatorTable() });
    const result = await answerer.ask({ question: '政府法律顾问方面，海东2020年提供了多少人次法律政策咨询，西宁2022年审查了多少件合同？' });
    const text = compact(result.answer);
    expect(text).toContain('1480人');
    expect(text).toContain('369件');
    // Not the table's 政府法律顾问人数, which neither clause asks for.
    expect(result.answer).not.toContain('人数');
    quotesAreExact(result, index);
  });

  it('answers from the indicator table: one cited row per report, 未提及 where it is null, the same figures as the table', async () => {
    const table = createIndicatorTable();
    const answerer = createAnswerer({ searcher: index, indicators: table });
    const result = await answerer.ask({ question: '各地的负责人出庭应诉率分别是多少？' });
    const rows = table.rows(indicatorSources(index));
    const lines = result.answer.split('\n');
    expect(lines).toHaveLength(rows.length);
    for (const row of rows) {
      const value = row.values.head_appearance_rate ?? null;
      const line = lines.find((candidate) => candidate.startsWith(`${row.region ?? ''}：`)) ?? '';
      if (value) expect(compact(line)).toContain(`${'行政机关负责人出庭应诉率'}${compact(value.text)}`);
      // Where the table has no value, the report's own words may follow, marked as not in the table.
      else expect(line).toMatch(/：(?:未提及|指标表未收录；报告原文：)/u);
    }
    const stated = rows.filter((row) => row.values.head_appearance_rate).length;
    expect(result.citations.length).toBeGreaterThanOrEqual(stated);
    quotesAreExact(result, index);
  });
});
