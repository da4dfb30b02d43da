// Scope inference on the sample corpus' real metadata: regions and years named in questions.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReport } from '@report-qa/parser';
import { describe, expect, it } from 'vitest';
import { createScopeResolver, findYears, type ScopeDocument } from './infer-scope.js';
import { reportsDir } from './test-support.js';

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
});
