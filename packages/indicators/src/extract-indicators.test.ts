// Made-up reports built as traps: related but different figures, running totals, plans, OCR spaces, Chinese numerals.
import { describe, expect, it } from 'vitest';
import { parseReport } from '@report-qa/parser';
import { extractIndicators, type IndicatorValues } from './extract-indicators.js';
import { IndicatorError } from './indicator-error.js';
import { parseIndicatorDefinitions } from './indicator-definitions.js';

const report = (body: string) => parseReport(`某县人民政府关于2020年法治政府建设情况的报告\n\n2020年，我县扎实推进法治政府建设。现将有关情况报告如下。\n\n${body}`);
const valueOf = (values: IndicatorValues, key: string) => values[key]?.value ?? null;

describe('extractIndicators on trap reports', () => {
  const parsed = report(
    [
      '一、主要工作成效',
      '（一）行政复议和应诉。全年共收到行政复议申请三十五件，办结30件。截至目前，累计受理行政复议案件1200件。2019年受理行政复议案件40件。',
      '全县法律顾问共参与政府行政诉讼案件12件，行政复议案件8件。全年发生行政诉讼案件 4 5 件，行政机关负责人出庭应诉率达到百分之百，应诉率同比增长20%。',
      '（二）法律服务。全县 236 名政府法律顾问积极参与重大决策论证。选派30名律师担任全县120个村（居）法律顾问。',
      '（三）调解。下一步，我县将力争调解矛盾纠纷1000件。',
      '二、存在问题',
      '基层力量薄弱，法律援助案件办理质量有待提高。',
      '三、下一步工作计划',
      '力争行政诉讼胜诉率达到90%。全年办理法律援助案件500件。',
    ].join('\n\n'),
  );
  const values = extractIndicators(parsed);

  it('reads a Chinese numeral and continues its topic into the next clause', () => {
    expect(values.reconsideration_received).toMatchObject({ value: 35, unit: '件', text: '三十五件' });
    expect(valueOf(values, 'reconsideration_concluded')).toBe(30);
  });

  it('does not take a running total, another year or the lawsuits legal advisers took part in', () => {
    expect(valueOf(values, 'reconsideration_received')).not.toBe(1200);
    expect(valueOf(values, 'litigation_cases')).toBe(45);
    expect(values.litigation_cases?.text).toBe('4 5 件');
  });

  it('reads 百分之百 as a rate and ignores a year-on-year change', () => {
    expect(values.head_appearance_rate).toMatchObject({ value: 100, unit: '%', text: '百分之百' });
  });

  it('reads a figure split from its unit by OCR spaces and skips village legal advisers', () => {
    expect(values.legal_advisers).toMatchObject({ value: 236, text: '236 名' });
  });

  it('takes nothing from plans, whether a 下一步 sentence or a plan section', () => {
    expect(values.litigation_win_rate).toBeNull();
    expect(values.legal_aid_cases).toBeNull();
    expect(values.mediation_disputes).toBeNull();
  });

  it('quotes the exact sentence of the original', () => {
    for (const value of Object.values(values)) {
      if (!value) continue;
      expect(value.quote).toBe(parsed.original.slice(value.start, value.end));
      expect(value.quote).toContain(value.text);
    }
    expect(values.reconsideration_received?.quote).toBe('全年共收到行政复议申请三十五件，办结30件。');
  });

  it('reads nothing after a paragraph that opens the plans, even without a heading', () => {
    const values = extractIndicators(report('全年共受理行政复议案件20件。\n\n下一步，我县将继续加强行政复议工作。\n\n全年办理法律援助案件300件，调解矛盾纠纷500件。'));
    expect(valueOf(values, 'reconsideration_received')).toBe(20);
    expect(values.legal_aid_cases).toBeNull();
    expect(values.mediation_disputes).toBeNull();
  });

  it('reads the first of many statements in a long report', () => {
    const paragraphs = Array.from({ length: 2000 }, (_, index) => `第${index}项：全年共受理行政复议案件${index + 1}件，办结${index}件。`).join('\n\n');
    expect(valueOf(extractIndicators(report(`一、主要工作成效\n\n${paragraphs}`)), 'reconsideration_received')).toBe(1);
  });

  it('skips a flattened table given as one sentence of hundreds of figures', () => {
    const table = Array.from({ length: 300 }, () => '受理行政复议案件999件').join('、');
    const original = `${table}。全年共受理行政复议案件1件。`;
    const values = extractIndicators({ original, metadata: { year: 2020 }, chunks: [{ start: 0, end: original.length, sectionPath: '' }] });
    expect(valueOf(values, 'reconsideration_received')).toBe(1);
  });

  it('gives null for every indicator of a report without figures', () => {
    const empty = extractIndicators(report('一、主要工作成效\n\n我县认真办理行政复议案件，依法做好行政应诉工作。'));
    expect(Object.values(empty).every((value) => value === null)).toBe(true);
    expect(Object.keys(empty)).toHaveLength(12);
  });

  it('refuses refused applications and a rate that only changed', () => {
    const values = extractIndicators(report('一、主要工作成效\n\n不予受理行政复议申请2件。负责人出庭应诉率同比提高了15%。胜诉率为287%。'));
    expect(values.reconsideration_received).toBeNull();
    expect(values.head_appearance_rate).toBeNull();
    expect(values.litigation_win_rate).toBeNull();
  });

  it('does not take a part whose total is stated elsewhere', () => {
    const values = extractIndicators(report('一、主要工作成效\n\n全年收到的复议申请较多。其中，市本级受理行政复议案件30件，县区受理45件。'));
    expect(values.reconsideration_received).toBeNull();
  });

  it('adds a total given in parallel parts', () => {
    const values = extractIndicators(report('一、主要工作成效\n\n以县政府为被告的行政诉讼案件6件，以县政府各部门为被告的行政诉讼案件20件，其中一审案件9件。'));
    expect(values.litigation_cases).toMatchObject({ value: 26, text: '6件、20件' });
  });
});

describe('extractIndicators on phrasings common in the genre', () => {
  const values = extractIndicators(
    report(
      [
        '一、2020年工作完成情况',
        '全年新收行政复议案件56件，审结52件，较上年增加12件。',
        '全县行政机关负责人出庭应诉率由上年的60%提高到85%，行政诉讼案件一审胜诉率为85.3%。',
        '共审查规范性文件23件，报送备案23件。对12件重大行政决策事项进行了合法性审查。',
        '截至2020年底，全县共有持证行政执法人员1,056名。聘请法律顾问12名。',
        '办理法律援助案件1,234件。人民调解组织共调解矛盾纠纷2,345件，调解成功率98%。',
        '全年主动公开政府信息12345条，受理政府信息公开申请56件。',
      ].join('\n\n'),
    ),
  );

  it.each([
    ['reconsideration_received', 56],
    ['reconsideration_concluded', 52],
    ['head_appearance_rate', 85],
    ['litigation_win_rate', 85.3],
    ['normative_documents_filed', 23],
    ['major_decisions_reviewed', 12],
    ['enforcement_officers', 1056],
    ['legal_advisers', 12],
    ['legal_aid_cases', 1234],
    ['mediation_disputes', 2345],
    ['information_published', 12345],
  ])('%s is %d', (key, value) => {
    expect(valueOf(values, key)).toBe(value);
  });

  it('leaves out what the report does not state', () => {
    expect(values.litigation_cases).toBeNull();
  });
});

describe('extractIndicators on a second set of common phrasings', () => {
  const values = extractIndicators(
    report(
      [
        '一、主要工作成效',
        '全年共办理行政复议案件128件，其中新收121件、上年结转7件，审结119件。',
        '全市行政应诉案件86件，同比下降12%，行政机关负责人出庭应诉136人次。',
        '全市共有行政执法人员4512名，其中持证4321名。',
        '共排查化解矛盾纠纷3200余件。办理各类法律援助案件2156件。',
        '主动公开政府信息2.3万条。审核把关重大行政决策事项15项。全年备案审查规范性文件42件，纠正3件。',
        '各级行政机关共聘请法律顾问320名。',
      ].join('\n\n'),
    ),
  );

  it.each([
    ['reconsideration_received', 121],
    ['reconsideration_concluded', 119],
    ['litigation_cases', 86],
    ['enforcement_officers', 4512],
    ['mediation_disputes', 3200],
    ['legal_aid_cases', 2156],
    ['information_published', 23000],
    ['major_decisions_reviewed', 15],
    ['normative_documents_filed', 42],
    ['legal_advisers', 320],
  ])('%s is %d', (key, value) => {
    expect(valueOf(values, key)).toBe(value);
  });

  it('marks an approximate figure (余) with lower confidence', () => {
    expect(values.mediation_disputes).toMatchObject({ text: '3200余件' });
    expect(values.mediation_disputes?.confidence).toBeLessThan(values.legal_aid_cases?.confidence ?? 0);
  });
});

describe('indicator definitions are data', () => {
  it('extracts an indicator an office adds to the list', () => {
    const definitions = parseIndicatorDefinitions({
      indicators: [
        {
          key: 'hotline_calls',
          name: '12345热线来电数',
          unit: '件',
          kind: 'count',
          definition: '本年度12345热线受理的群众来电数。',
          synonyms: ['群众来电'],
          actions: ['受理'],
          units: ['件'],
        },
      ],
    });
    const values = extractIndicators(report('一、主要工作成效\n\n受理“12345”群众来电30384件，办结30230件。'), definitions);
    expect(values).toEqual({ hotline_calls: expect.objectContaining({ value: 30384, text: '30384件' }) });
  });

  it('rejects an invalid list with a clear error', () => {
    expect(() => parseIndicatorDefinitions({ indicators: [{ key: 'Bad Key', name: '', unit: '件' }] })).toThrow(IndicatorError);
    expect(() => parseIndicatorDefinitions({ indicators: [] })).toThrow(/invalid indicator list/u);
  });
});
