// Tests for parseReport over the five real sample reports: metadata, chrome, sections, offsets and nothing lost.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text.js';
import { isChromeLine } from './strip-chrome.js';
import { parseReport } from './parse-report.js';
import type { ParsedReport, ReportMetadata } from './types.js';

const reportsDir = new URL('../../../data/reports/', import.meta.url);
const evalFile = fileURLToPath(new URL('../../../../shared/eval/qa-dev.jsonl', import.meta.url));

const expected: Record<string, Partial<ReportMetadata>> = {
  '000_2c522bdb5677e79f.txt': {
    title: '海东市人民政府关于2020年度法治政府建设工作情况的报告',
    region: '海东市',
    regionPath: ['青海省', '海东市'],
    level: 'city',
    year: 2020,
    issuer: '海东市人民政府',
    docNumber: '东政〔2021〕1号',
    publishedAt: '2021-01-15',
    signer: '王林虎',
  },
  '001_f8b6fe307ef2b7ed.txt': { title: null, region: '西宁市湟中区', regionPath: ['青海省', '西宁市', '湟中区'], level: 'county', year: 2020, docNumber: null },
  '002_108f9e6d3c976853.txt': {
    title: '海西州人民政府关于2021年法治政府建设情况的报告',
    region: '海西蒙古族藏族自治州',
    regionPath: ['青海省', '海西蒙古族藏族自治州'],
    level: 'city',
    year: 2021,
    issuer: '海西州人民政府',
    publishedAt: '2022-03-21',
  },
  '003_489c9a6769333a9e.txt': { title: '西宁市2022年法治政府建设情况报告', region: '西宁市', regionPath: ['青海省', '西宁市'], level: 'city', year: 2022 },
  '004_21f6359df466e4c8.txt': {
    title: '城东区2017年法治政府建设工作情况汇报',
    region: '西宁市城东区',
    regionPath: ['青海省', '西宁市', '城东区'],
    level: 'county',
    year: 2017,
    issuer: '西宁市城东区人民政府',
    docNumber: '东区政〔2018〕4号',
    publishedAt: '2018-01-09',
  },
};

const parsed = new Map<string, ParsedReport>();
for (const file of Object.keys(expected)) parsed.set(file, parseReport(readFileSync(new URL(file, reportsDir)), { source: file }));
const reports = [...parsed.entries()];

/** Whitespace and the documented clean-ups ignored: the form both sides are compared in. */
const comparable = (text: string): string => cleanText(text).text.replace(/\s+/g, '');
const bare = (text: string): string => text.replace(/\s+/g, '');

describe('parseReport on the sample reports', () => {
  it.each(reports)('extracts the metadata of %s', (file, report) => {
    expect(report.metadata).toMatchObject(expected[file] ?? {});
  });

  it.each(reports)('keeps the decoded original of %s unchanged', (file, report) => {
    expect(report.original).toBe(readFileSync(new URL(file, reportsDir), 'utf8'));
  });

  it.each(reports)('locates every passage of %s in the original', (_file, report) => {
    expect(report.chunks.length).toBeGreaterThan(5);
    for (const chunk of report.chunks) {
      expect(chunk.end).toBeGreaterThan(chunk.start);
      expect(comparable(report.original.slice(chunk.start, chunk.end))).toBe(bare(chunk.text));
      expect(chunk.text).not.toMatch(/\*\*|^#/m);
    }
  });

  it.each(reports)('never lets chrome into a passage of %s', (_file, report) => {
    for (const chunk of report.chunks) {
      for (const line of chunk.text.split('\n')) expect(isChromeLine(line), line).toBe(false);
      expect(chunk.text).not.toMatch(/当前位置|上一条|下一条|关闭窗口|版权所有|ICP备|公网安备|技术维护|网站地图|抄送/);
    }
  });

  it.each(reports)('never lets a passage of %s cross a top-level section', (_file, report) => {
    const tops = report.sections.filter((section) => section.depth === 1);
    expect(tops.length).toBeGreaterThanOrEqual(2);
    for (const chunk of report.chunks) {
      for (const top of tops) {
        // A passage starts before a top-level heading only if it also ends before it.
        if (chunk.start < top.start) expect(chunk.end).toBeLessThanOrEqual(top.start);
      }
      const top = tops.find((section) => section.start <= chunk.start && chunk.start < section.end);
      if (top) expect(chunk.sectionPath.startsWith(top.heading)).toBe(true);
    }
  });

  it.each(reports)('keeps every body sentence of %s in some passage', (_file, report) => {
    const covered = bare(report.chunks.map((chunk) => chunk.text).join(''));
    // Body lines: not chrome, not the printed tail (抄送 and the printing office), not a bare date.
    const body = report.original
      .split(/\r?\n/)
      .map((line) => cleanText(line).text)
      .filter((line) => line.length > 0 && !isChromeLine(line) && !/^抄送|^是否宜公开|印发?$|印\s*\d{4}年|^\d{4}年\d{1,2}月\d{1,2}日$/.test(line));
    const sentences = cleanText(body.join('\n')).text.split(/(?<=[。；！？])|\n/).map(bare).filter((sentence) => sentence.length > 10);
    expect(sentences.length).toBeGreaterThan(20);
    for (const sentence of sentences) expect(covered, sentence).toContain(sentence);
  });

  it.each(reports)('cuts %s into passages of the target size without cutting sentences', (_file, report) => {
    const lengths = report.chunks.map((chunk) => bare(chunk.text).length);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(700);
    const mean = lengths.reduce((total, length) => total + length, 0) / lengths.length;
    expect(mean).toBeGreaterThan(200);
    expect(mean).toBeLessThan(500);
    for (const chunk of report.chunks.filter((candidate) => candidate.sectionPath !== '')) {
      expect(chunk.text.trim()).toMatch(/[。；！？：”」）*a-zA-Z0-9\u4e00-\u9fff]$/);
    }
  });

  it('gives every passage a section path such as 一、工作开展情况 > （八）加强行政复议工作', () => {
    const report = parsed.get('004_21f6359df466e4c8.txt');
    const chunk = report?.chunks.find((candidate) => candidate.text.includes('认真贯彻实施《行政复议法》'));
    expect(chunk?.sectionPath).toBe('一、工作开展情况 > （八）加强行政复议工作');
    const sections = report?.sections.map((section) => section.path.join(' > ')) ?? [];
    expect(sections).toContain('二、下一步工作重点 > （四）完善社会矛盾纠纷预防化解机制');
  });

  it('joins the page-broken word of report 000 in its passage text', () => {
    const report = parsed.get('000_2c522bdb5677e79f.txt');
    expect(report?.chunks.some((chunk) => chunk.text.includes('推进法治政府建设工作'))).toBe(true);
  });

  it('keeps the cover letter of report 004 as a passage', () => {
    const report = parsed.get('004_21f6359df466e4c8.txt');
    expect(report?.chunks[0]?.text).toContain('随文呈送');
  });

  it('gives stable ids', () => {
    for (const [file, report] of reports) {
      const again = parseReport(readFileSync(new URL(file, reportsDir)), { source: file });
      expect(again.chunks.map((chunk) => chunk.id)).toEqual(report.chunks.map((chunk) => chunk.id));
      expect(new Set(report.chunks.map((chunk) => chunk.id)).size).toBe(report.chunks.length);
    }
  });

  it.skipIf(!existsSync(evalFile))('contains every evidence quote of the development questions', () => {
    const lines = readFileSync(evalFile, 'utf8').split('\n').filter((line) => line.trim().length > 0);
    let checked = 0;
    for (const line of lines) {
      const question = JSON.parse(line) as { id: string; evidence?: Array<{ doc: string; quote: string }> };
      for (const evidence of question.evidence ?? []) {
        const report = parsed.get(evidence.doc);
        if (!report) continue;
        const quote = bare(evidence.quote);
        expect(report.chunks.some((chunk) => bare(chunk.text).includes(quote)), `${question.id}: ${evidence.quote}`).toBe(true);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('parseReport on made-up inputs', () => {
  it('accepts a string and a CRLF report with offsets into it', () => {
    const text = '某县人民政府关于2019年度法治政府建设情况的报告\r\n\r\n一、主要工作\r\n全年审查规范性文件12件。办结行政复议案件8件。\r\n二、下一步打算\r\n继续推进依法行政。\r\n';
    const report = parseReport(text);
    expect(report.metadata.year).toBe(2019);
    expect(report.sections.map((section) => section.heading)).toEqual(['一、主要工作', '二、下一步打算']);
    for (const chunk of report.chunks) expect(comparable(text.slice(chunk.start, chunk.end))).toBe(bare(chunk.text));
    expect(report.chunks.find((chunk) => chunk.text.includes('12件'))?.sectionPath).toBe('一、主要工作');
  });

  it('strips a BOM from a string', () => {
    expect(parseReport('\uFEFF某县2020年法治政府建设情况报告').original).toBe('某县2020年法治政府建设情况报告');
  });

  it('rejects empty and binary strings', () => {
    expect(() => parseReport('  \n ')).toThrow(expect.objectContaining({ code: 'EMPTY_INPUT' }));
    expect(() => parseReport('abc\u0000def')).toThrow(expect.objectContaining({ code: 'BINARY_INPUT' }));
  });

  it('turns a title-only report into one passage', () => {
    const report = parseReport('湟中区人民政府关于2020年法治政府建设情况的报告');
    expect(report.chunks).toHaveLength(1);
    expect(report.chunks[0]?.sectionPath).toBe('');
  });

  it('does not split sections on inline enumerations', () => {
    const report = parseReport('一、主要工作\n（一）加强组织领导。一是召开会议12次。二是印发要点。三是开展督查。\n（二）完善制度。全年审查文件8件。');
    expect(report.sections.map((section) => section.path.join(' > '))).toEqual(['一、主要工作', '一、主要工作 > （一）加强组织领导', '一、主要工作 > （二）完善制度']);
  });

  it('drops PDF page numbers and joins the sentence they cut', () => {
    const report = parseReport('一、主要工作\n全年组织开展法治宣传活动一百二十场次，覆盖群众三万余人次，推进法治政\n\n— 2 —\n\n府建设取得新成效。');
    expect(report.chunks).toHaveLength(1);
    expect(report.chunks[0]?.text).toBe('一、主要工作\n全年组织开展法治宣传活动一百二十场次，覆盖群众三万余人次，推进法治政府建设取得新成效。');
  });

  it('keeps a markdown table row with figures as content', () => {
    const report = parseReport('一、主要数据\n| 指标 | 2020年 | 2021年 |\n| 复议案件 | 47件 | 53件 |');
    expect(report.chunks.map((chunk) => chunk.text).join('\n')).toContain('53件');
  });
});

