// Tests for extractMetadata on made-up report openings from several provinces and levels.
import { describe, expect, it } from 'vitest';
import { extractMetadata } from './extract-metadata.js';

describe('extractMetadata', () => {
  it('reads a title-only input', () => {
    const metadata = extractMetadata('湟中区人民政府关于2020年法治政府建设情况的报告');
    expect(metadata).toMatchObject({
      title: '湟中区人民政府关于2020年法治政府建设情况的报告',
      region: '西宁市湟中区',
      regionPath: ['青海省', '西宁市', '湟中区'],
      level: 'county',
      year: 2020,
      issuer: '湟中区人民政府',
      docNumber: null,
      publishedAt: null,
      signer: null,
    });
  });

  it('reads traditional characters', () => {
    expect(extractMetadata('法治政府建設情況報告').title).toBe('法治政府建設情況報告');
    expect(extractMetadata('某縣人民政府關於2020年法治政府建設情況報告').level).toBe('county');
    const metadata = extractMetadata('某縣人民政府關於2020年法治政府建設情況報告\n\n2020年，我縣堅持依法行政，全年辦結案件12件。');
    expect(metadata.title).toBe('某縣人民政府關於2020年法治政府建設情況報告');
    expect(metadata.year).toBe(2020);
    expect(metadata.level).toBe('county');
    expect(metadata.region).toBeNull();
  });

  it.each([
    ['西宁市司法局关于2020年法治政府建设工作情况的报告\n\n2020年，市司法局坚持依法行政。', '西宁市', '西宁市司法局', 2020],
    ['青海省教育厅2021年度法治政府建设情况报告\n\n2021年，省教育厅认真贯彻落实。', '青海省', '青海省教育厅', 2021],
    ['海东市市场监督管理局关于2021年法治政府建设工作情况的报告\n2021年，我局坚持依法行政。', '海东市', '海东市市场监督管理局', 2021],
    ['武汉市公安局关于2022年度法治政府建设情况的报告\n2022年，市公安局深入推进严格规范公正文明执法。', '武汉市', '武汉市公安局', 2022],
  ])('recognises a department report: %s', (text, region, issuer, year) => {
    expect(extractMetadata(text)).toMatchObject({ level: 'department', region, issuer, year });
  });

  it.each([
    ['广西壮族自治区人民政府关于2021年法治政府建设情况的报告\n\n2021年，全区各级政府深入推进依法行政。', '广西壮族自治区', ['广西壮族自治区'], 'province'],
    ['延边朝鲜族自治州人民政府关于2020年度法治政府建设情况的报告\n\n2020年，我州坚持依法行政。', '延边朝鲜族自治州', ['吉林省', '延边朝鲜族自治州'], 'city'],
    ['长阳土家族自治县2022年法治政府建设工作报告\n\n2022年，我县深入推进法治政府建设。', '宜昌市长阳土家族自治县', ['湖北省', '宜昌市', '长阳土家族自治县'], 'county'],
    ['海西州2021年法治政府建设情况报告\n全年推进依法行政。', '海西蒙古族藏族自治州', ['青海省', '海西蒙古族藏族自治州'], 'city'],
    ['湟中2020年法治政府建设情况报告\n全年推进依法行政。', '西宁市湟中区', ['青海省', '西宁市', '湟中区'], 'county'],
    ['北京市朝阳区人民政府关于2021年法治政府建设情况的报告\n2021年，朝阳区坚持依法行政。', '北京市朝阳区', ['北京市', '朝阳区'], 'county'],
    ['内蒙古自治区人民政府关于2020年法治政府建设情况的报告', '内蒙古自治区', ['内蒙古自治区'], 'province'],
  ])('resolves regions of any province: %s', (text, region, regionPath, level) => {
    expect(extractMetadata(text)).toMatchObject({ region, regionPath, level });
  });

  it('prefers the parent named in the text for an ambiguous short name', () => {
    const text = '朝阳区2021年法治政府建设情况报告\n2021年，我区在长春市委、市政府的领导下推进依法行政。长春市要求各区全面落实。';
    expect(extractMetadata(text).regionPath).toEqual(['吉林省', '长春市', '朝阳区']);
  });

  it('does not dress up an ambiguous name as a certain place', () => {
    const metadata = extractMetadata('朝阳区2021年法治政府建设情况报告\n2021年，我区推进依法行政。');
    expect(metadata.region).toBe('朝阳区');
    expect(metadata.regionPath).toEqual(['朝阳区']);
  });

  it('finds a title buried below a web header', () => {
    const page = [
      '当前位置：首页 > 政务公开 > 法治政府',
      '来源：某县司法局  发布日期：2020-02-18  浏览次数：356',
      '【字体：大 中 小】',
      '大通回族土族自治县人民政府关于2019年度法治政府建设情况的报告',
      '2019年，我县以习近平新时代中国特色社会主义思想为指导，扎实推进法治政府建设。',
    ].join('\n');
    expect(extractMetadata(page)).toMatchObject({
      title: '大通回族土族自治县人民政府关于2019年度法治政府建设情况的报告',
      region: '西宁市大通回族土族自治县',
      level: 'county',
      year: 2019,
      publishedAt: '2020-02-18',
    });
  });

  it('reads a letterhead, document number, signer and a date in Chinese numerals', () => {
    const text = '某市人民政府文件\n\n某政〔2021〕3号\n\n签发人：张三\n\n西宁市人民政府关于2020年法治政府建设情况的报告\n2020年，我市推进依法行政。\n\n西宁市人民政府\n二〇二一年一月十五日';
    expect(extractMetadata(text)).toMatchObject({ docNumber: '某政〔2021〕3号', signer: '张三', publishedAt: '2021-01-15', issuer: '西宁市人民政府' });
  });

  it.each(['东政[2021]1号', '东政［2021］1号', '东政(2021)1号', '东政〔2021〕1号'])('takes the year before the document number %s when nothing else says', (docNumber) => {
    const metadata = extractMetadata(`${docNumber}\n海东市人民政府\n现将有关情况报告如下：全年推进依法行政，办理复议案件12件。`);
    expect(metadata.docNumber).toBe(docNumber);
    expect(metadata.year).toBe(2020);
  });

  it('reads the reported year from a leading 「2021年，」 rather than the publishing year', () => {
    expect(extractMetadata('发布时间：2022-03-01\n2021年，我市坚持依法行政，全年审查规范性文件12件。').year).toBe(2021);
  });

  it('returns nulls rather than guesses for a body without clues', () => {
    const metadata = extractMetadata('全年推进依法行政，审查规范性文件12件，办结复议案件8件。');
    expect(metadata).toEqual({ title: null, region: null, regionPath: [], level: null, year: null, issuer: null, docNumber: null, publishedAt: null, signer: null });
  });

  it('joins a title split after the issuer and reads the signature date', () => {
    const text = '南宁市人民政府\n关于2021年度法治政府建设情况的报告\n\n南宁市人民政府\n2022年3月15日\n\n2021年，我市坚持以习近平法治思想为指导。';
    expect(extractMetadata(text)).toMatchObject({
      title: '南宁市人民政府关于2021年度法治政府建设情况的报告',
      regionPath: ['广西壮族自治区', '南宁市'],
      issuer: '南宁市人民政府',
      publishedAt: '2022-03-15',
      year: 2021,
    });
  });

  it('reads a government portal metadata table without taking it for content', () => {
    const page = [
      '首页 > 信息公开 > 法治政府建设年度报告',
      '索引号：11440300/2022-00123',
      '发布机构：深圳市司法局',
      '文号：深司〔2022〕12号',
      '发布日期：2022-03-30',
      '【大】【中】【小】',
      '深圳市2021年法治政府建设年度报告',
      '2021年，深圳市坚持以习近平新时代中国特色社会主义思想为指导，全面推进法治政府建设。',
    ].join('\n');
    expect(extractMetadata(page)).toMatchObject({ title: '深圳市2021年法治政府建设年度报告', region: '深圳市', level: 'city', year: 2021, docNumber: '深司〔2022〕12号', publishedAt: '2022-03-30' });
  });

  it('reads a year written in Chinese numerals', () => {
    expect(extractMetadata('关于二〇二一年法治政府建设情况的报告\n\n全县上下推进依法行政。').year).toBe(2021);
  });

  it('finds the region in the body when there is no title, with the level the body speaks of', () => {
    const metadata = extractMetadata('2021年，长沙县坚持以习近平法治思想为指导，全县推进依法行政。长沙县人民政府常务会议专题研究法治政府建设，我县全年审查文件20件。');
    expect(metadata).toMatchObject({ title: null, region: '长沙市长沙县', level: 'county', year: 2021 });
  });

  it('does not take a word for a place: 公安局 is not 公安县', () => {
    expect(extractMetadata('武汉市公安局关于2022年度法治政府建设情况的报告').regionPath).toEqual(['湖北省', '武汉市']);
  });

  it('joins a department name line with the title below it', () => {
    const text = '四川省自然资源厅\n2021年法治政府建设情况报告\n\n2021年，省自然资源厅深入学习贯彻习近平法治思想。';
    expect(extractMetadata(text)).toMatchObject({ title: '四川省自然资源厅2021年法治政府建设情况报告', level: 'department', region: '四川省', issuer: '四川省自然资源厅', year: 2021 });
  });

  it('reads a county report with its document number after the title', () => {
    const text = '会宁县人民政府关于2022年度法治政府建设工作情况的报告\n\n会政发〔2023〕8号\n\n白银市人民政府：\n\n2022年，我县坚持以习近平新时代中国特色社会主义思想为指导。';
    expect(extractMetadata(text)).toMatchObject({ region: '白银市会宁县', regionPath: ['甘肃省', '白银市', '会宁县'], level: 'county', year: 2022, docNumber: '会政发〔2023〕8号' });
  });

  it('skips a cover letter title without book-title marks', () => {
    const text = '某区人民政府办公室\n关于报送城东区2019年法治政府建设情况的报告\n市政府：\n现将有关情况随文报送，请审阅。\n城东区2019年法治政府建设情况报告\n2019年，我区推进依法行政。';
    expect(extractMetadata(text)).toMatchObject({ title: '城东区2019年法治政府建设情况报告', year: 2019, region: '西宁市城东区' });
  });

  it.each([
    ['国家税务总局西宁市税务局2021年法治政府建设工作报告', { issuer: '国家税务总局西宁市税务局', level: 'department', region: '西宁市' }],
    ['上海市浦东新区人民政府关于2021年法治政府建设情况的报告', { region: '上海市浦东新区', regionPath: ['上海市', '浦东新区'], level: 'county' }],
    ['黔东南州2022年法治政府建设年度报告', { region: '黔东南苗族侗族自治州', level: 'city', year: 2022 }],
    ['中共阿拉善左旗委员会 阿拉善左旗人民政府\n关于2020年度法治政府建设情况的报告', { regionPath: ['内蒙古自治区', '阿拉善盟', '阿拉善左旗'], level: 'county', year: 2020 }],
  ])('reads %s', (text, expected) => {
    expect(extractMetadata(text)).toMatchObject(expected);
  });
});

