// Scope inference on the sample corpus' real metadata: regions and years named in questions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '@report-qa/parser';
import { describe, expect, it } from 'vitest';
import { createScopeResolver, findYears, type ScopeDocument } from './infer-scope.js';
import { reportsDir } from './testing/index.js';

const documents: ScopeDocument[] = readdirSync(reportsDir)
  .filter((name) => name.endsWith('.txt'))
  .map((name) => {
    const { metadata } = parseReport(readFileSync(join(reportsDir, name)), { source: name });
    return { id: name.slice(0, 3), region: metadata.region, regionPath: metadata.regionPath, year: metadata.year, level: metadata.level };
  });
const resolve = createScopeResolver(documents);
const ids = (query: string, filters = {}) => [...(resolve(query, filters).docIds ?? [])].sort();

describe('inferred scope', () => {
  it('applies a city and a four-digit year', () => {
    const { scope, docIds, cleanedQuery } = resolve('海东市2020年一共收到多少件行政复议申请');
    expect([...docIds!]).toEqual(['000']);
    expect(scope.filters).toEqual({ region: ['海东市'], year: [2020] });
    expect(cleanedQuery).not.toContain('海东');
    expect(cleanedQuery).toContain('行政复议');
  });

  it('reads a two-digit year after a district name', () => {
    const { scope } = resolve('城东区17年普法宣传都开展了哪些活动');
    expect(scope.inferred).toEqual({ regions: ['西宁市城东区'], years: [2017] });
    expect(ids('城东区17年普法宣传')).toEqual(['004']);
  });

  it('knows 海西州 and 海西 as 海西蒙古族藏族自治州, and 湟中 as 西宁市湟中区', () => {
    expect(ids('海西州法律援助办了多少案子')).toEqual(['002']);
    expect(ids('写稿用：海西2021年法律援助')).toEqual(['002']);
    expect(ids('湟中自然资源执法收了多少罚没款')).toEqual(['001']);
  });

  it('lets a city include its districts unless the question singles one out', () => {
    expect(ids('西宁第五次规范性文件清理废止了多少件')).toEqual(['001', '003', '004']);
    expect(ids('西宁市城东区新闻发言人')).toEqual(['004']);
    expect(ids('西宁城东区新闻发言人')).toEqual(['004']);
  });

  it('searches the report of the region that contains a smaller place it names', () => {
    const { scope, docIds } = resolve('格尔木有个项目被推荐去评全国法治政府示范了');
    expect([...docIds!]).toEqual(['002']);
    expect(scope.missing.regions).toEqual([]);
  });

  it('shares a comparison across the regions it names', () => {
    const { docIds, regionOfDoc } = resolve('湟中区和海西州人民调解成功率各是多少？');
    expect([...docIds!].sort()).toEqual(['001', '002']);
    expect(new Set(regionOfDoc!.values()).size).toBe(2);
  });

  it('reports regions and years that are not in the corpus', () => {
    const beijing = resolve('北京市2020年行政复议多少件');
    expect(beijing.scope.missing.regions).toEqual(['北京市']);
    const haidong = resolve('海东市2015年行政复议多少件');
    expect(haidong.scope.missing.years).toEqual([2015]);
    expect(haidong.scope.filters.region).toEqual(['海东市']);
    const hainan = resolve('在吗 想问下海南州21年行政机关负责人出庭应诉率多少');
    expect(hainan.scope.missing.regions).toEqual(['海南州']);
  });

  it('lets explicit filters win over the question', () => {
    const { scope, docIds } = resolve('海东市2020年行政复议', { region: '海西州' });
    expect([...docIds!]).toEqual(['002']);
    expect(scope.filters.region).toEqual(['海西蒙古族藏族自治州']);
    expect(ids('行政复议', { year: 2022 })).toEqual(['003']);
    expect(ids('行政复议', { docId: ['000', '004'] })).toEqual(['000', '004']);
    expect(resolve('行政复议', { region: '北京' }).docIds!.size).toBe(0);
  });

  it('infers nothing when told not to, or when nothing is named', () => {
    expect(resolve('海东市2020年行政复议', {}, false).docIds).toBeNull();
    expect(resolve('几份报告比一下，哪个地方行政首长出庭应诉率最高？').docIds).toBeNull();
  });
});

describe('findYears', () => {
  it('finds written years and ignores durations and other numbers', () => {
    expect(findYears('2020年度和21年、二〇二二年').map((year) => year.year)).toEqual([2020, 2021, 2022]);
    expect(findYears('近10年共办理12件，2012年颁发')).toEqual([expect.objectContaining({ year: 2012 })]);
    expect(findYears('执法证换证换的是哪年发的证')).toEqual([]);
  });

  it('reads a period in brackets after a name as part of that plan’s name, not as a year asked about', () => {
    expect(findYears('按《普法规划（2021—2025年）》开展了哪些活动')).toEqual([]);
    expect(findYears('建设实施方案(2016-2020年)是哪次会议通过的')).toEqual([]);
    expect(findYears('《规划（2021至2025年）》里2022年要完成什么').map((year) => year.year)).toEqual([2022]);
    // A bare period still names its years as before (the later one).
    expect(findYears('2019-2020年收到多少件').map((year) => year.year)).toEqual([2020]);
  });

  it('knows a place only the corpus names: from a report title the gazetteer cannot place', () => {
    const withCounty = createScopeResolver([
      ...documents,
      { id: 'bing', region: null, regionPath: [], year: 2023, level: null, title: '丙县人民政府关于2023年度法治政府建设情况的报告', issuer: null },
      { id: 'lenghu', region: null, regionPath: [], year: 2022, level: null, title: null, issuer: '冷湖行委管理委员会' },
    ]);
    const bing = withCounty('丙县2023年受理了多少件行政复议案件？');
    expect([...bing.docIds!]).toEqual(['bing']);
    expect(bing.scope.missing.regions).toEqual([]);
    expect([...withCounty('冷湖行委2022年收到多少件复议').docIds!]).toEqual(['lenghu']);
    // Without its report the same name is a place the library lacks, named in the refusal.
    expect(resolve('丙县2023年受理了多少件行政复议案件？').scope.missing.regions).toEqual(['丙县']);
    expect(resolve('某某经济技术开发区去年办了多少件').scope.missing.regions).toEqual(['某某经济技术开发区']);
  });

  it('shares the top results of a region between its own reports and those of the places under it', () => {
    const xining = resolve('西宁依法行政存在哪些问题？');
    const own = [...xining.regionOfDoc!].filter(([, share]) => share === '西宁市').map(([id]) => id);
    expect(own).toEqual(['003']);
    expect(new Set(xining.regionOfDoc!.values()).size).toBe(2);
    // A region with no places under it in the corpus needs no sharing.
    expect(resolve('海东依法行政存在哪些问题？').regionOfDoc).toBeNull();
  });

  it('names places inside a covered region that have no report of their own', () => {
    const delingha = resolve('德令哈市2021年受理了多少件行政复议案件？');
    expect(delingha.scope.inside).toEqual([{ place: '德令哈市', region: '海西蒙古族藏族自治州' }]);
    expect([...delingha.docIds!]).toEqual(['002']);
    expect(resolve('乐都区2020年收到多少件行政复议申请？').scope.inside).toEqual([{ place: '乐都区', region: '海东市' }]);
    expect(resolve('海西州2021年受理了多少件行政复议案件？').scope.inside).toEqual([]);
  });

  it('does not take everyday words before 区/市/县 for places', () => {
    for (const question of [
      '湟中去整治黑导游是在哪个景区啊',
      '城东区城管除了下沉到社区和镇上的中队，另外两个中队是啥？',
      '标的是哪个年份区间？',
      '全市各县区一共多少件',
      // A year runs up to 年, and 市 before 人大 or 县区 is an institution or a level.
      '西宁2022年提请市人大常委会审议了哪几部法规？',
      '海东2020年市县区法律顾问参与了多少件？',
    ]) {
      expect(resolve(question).scope.missing.regions).toEqual([]);
    }
  });

  it('treats a city and its district named apart as two places', () => {
    const { scope } = resolve('干部学法考法这块，湟中2020年和西宁2022年各有什么数字？');
    expect(scope.inferred.regions.sort()).toEqual(['西宁市', '西宁市湟中区']);
    expect(scope.missing.years).toEqual([]);
  });
});

describe('years in every written form', () => {
  const now = new Date('2021-06-01T08:00:00+08:00');
  const years = (text: string, date?: Date) => findYears(text, date).map((found) => found.year);

  it('reads four digits, two digits, Chinese numerals and 年度', () => {
    expect(years('海东市2020年')).toEqual([2020]);
    expect(years('海东2020年度')).toEqual([2020]);
    expect(years('城东区17年')).toEqual([2017]);
    expect(years('二〇二〇年西宁')).toEqual([2020]);
    expect(years('二零二二年')).toEqual([2022]);
  });

  it('reads 今年, 去年 and 前年 against the date of the question, and only with one', () => {
    expect(years('今年海东收到多少件', now)).toEqual([2021]);
    expect(years('去年海东收到多少件', now)).toEqual([2020]);
    expect(years('前年呢', now)).toEqual([2019]);
    expect(years('去年海东收到多少件')).toEqual([]);
    const { scope } = resolve('海东市去年收到多少件行政复议申请', {}, true, now);
    expect(scope.filters.year).toEqual([2020]);
  });

  it('does not read the base of a change (比去年, 较上一年, 与去年同期相比) as the year asked about', () => {
    expect(years('城东区上访的比去年少了多少', now)).toEqual([]);
    expect(years('应诉率较上一年涨了多少', now)).toEqual([]);
    expect(years('与去年同期相比增长多少', now)).toEqual([]);
    expect(years('去年比前年多了多少', now)).toEqual([2020]);
  });

  it('does not read durations as years', () => {
    expect(years('近10年来')).toEqual([]);
    expect(years('十年前')).toEqual([]);
  });
});
