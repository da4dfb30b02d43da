// WeChat text: markdown removed, short source footer, pages within 2048 bytes without broken characters.
import { describe, expect, it } from 'vitest';
import { formatAnswerText, formatCitationFooter, withoutCitationFooter } from './format-answer-text.js';
import { CONTINUE_HINT, paginateText, truncateUtf8, utf8ByteLength } from './paginate-text.js';
import { stripMarkdown } from './strip-markdown.js';

const citation = {
  n: 1,
  source: '000_2c522bdb5677e79f.txt',
  title: '海东市2020年法治政府建设情况报告',
  region: '海东市',
  year: 2020,
  sectionPath: '一、主要工作 > （七）坚持多方联动，全面推进法治宣传教育工作',
};

describe('formatAnswerText', () => {
  it('removes markdown and adds the source footer', () => {
    const text = formatAnswerText({ answer: '## 结论\n**海东市**推行了*八五*普法[1]。\n\n* 第一点\n* `第二点`', citations: [citation] });
    expect(text).toBe('结论\n海东市推行了八五普法[1]。\n\n- 第一点\n- 第二点\n\n来源：[1] 海东市2020年报告 · （七）坚持多方联动，全面推进法治宣传教育…');
    expect(text).not.toMatch(/[*#`]/);
  });

  it('labels citations without region or year by title, then by file name', () => {
    const footer = formatCitationFooter([
      { ...citation, n: 1, region: null, sectionPath: '' },
      { ...citation, n: 2, region: null, year: null, title: null, sectionPath: '' },
    ]);
    expect(footer).toBe('来源：[1] 海东市2020年法治政府建设情况报告\n[2] 000_2c522bdb5677e79f.txt');
  });

  it('labels an uploaded report as an upload', () => {
    expect(formatCitationFooter([{ ...citation, upload: true, sectionPath: '' }, { ...citation, n: 2, upload: false, sectionPath: '' }])).toBe(
      '来源：[1] 海东市2020年报告（上传）\n[2] 海东市2020年报告',
    );
  });

  it('has no footer without citations', () => {
    expect(formatAnswerText({ answer: '未找到相关内容。', citations: [] })).toBe('未找到相关内容。');
  });

  it('keeps link addresses as plain text', () => {
    expect(stripMarkdown('见[通知](https://example.gov.cn/a)')).toBe('见通知（https://example.gov.cn/a）');
  });
});

describe('formatAnswerText in the copy form (the web app’s 「复制答案」)', () => {
  const quoted = [
    { ...citation, quote: ' 全面落实普法责任制 ' },
    { ...citation, n: 2, title: null, region: null, year: null, sectionPath: '', quote: '其他' },
  ];

  it('keeps the answer as written and lists every source with its whole section path and exact quote', () => {
    expect(formatAnswerText({ answer: ' **共收到**68件[1]。\n', citations: quoted }, { form: 'copy' })).toBe(
      '**共收到**68件[1]。\n\n来源：\n[1] 海东市2020年报告 › 一、主要工作 > （七）坚持多方联动，全面推进法治宣传教育工作\n「全面落实普法责任制」\n[2] 000_2c522bdb5677e79f.txt\n「其他」',
    );
  });

  it('names reports as the caller does, and copies a bare answer without a sources block', () => {
    const text = formatAnswerText({ answer: 'x[1]', citations: quoted }, { form: 'copy', label: (source) => source.title ?? source.source });
    expect(text).toContain('[1] 海东市2020年法治政府建设情况报告 › 一、主要工作');
    expect(formatAnswerText({ answer: ' 未找到 ', citations: [] }, { form: 'copy' })).toBe('未找到');
  });

  it('is taken apart again by withoutCitationFooter', () => {
    expect(withoutCitationFooter(formatAnswerText({ answer: '答案[1]。', citations: quoted }, { form: 'copy' }))).toBe('答案[1]。');
  });
});

describe('paginateText', () => {
  it('returns short text as one page', () => {
    expect(paginateText('你好')).toEqual(['你好']);
  });

  it('cuts long Chinese text into pages of at most 2048 bytes that join back to the text', () => {
    const sentence = '全面推进依法行政，加强行政执法监督，落实行政执法责任制。';
    const text = Array.from({ length: 60 }, (_, index) => `${index + 1}. ${sentence}`).join('\n');
    const pages = paginateText(text);
    expect(pages.length).toBeGreaterThan(2);
    for (const page of pages) expect(utf8ByteLength(page)).toBeLessThanOrEqual(2048);
    for (const page of pages.slice(0, -1)) expect(page.endsWith(CONTINUE_HINT)).toBe(true);
    expect(pages.at(-1)!.endsWith(CONTINUE_HINT)).toBe(false);
    const joined = pages.map((page) => page.replace(`\n\n${CONTINUE_HINT}`, '')).join('\n');
    expect(joined).toBe(text);
  });

  it('never splits a surrogate pair or a multi-byte character', () => {
    const text = '😀法'.repeat(2000);
    const pages = paginateText(text, { maxBytes: 100 });
    for (const page of pages) {
      expect(utf8ByteLength(page)).toBeLessThanOrEqual(100);
      expect(page).not.toContain('\uFFFD');
      expect(Buffer.from(page, 'utf8').toString('utf8')).toBe(page);
    }
    expect(pages.map((page) => page.replace(`\n\n${CONTINUE_HINT}`, '')).join('')).toBe(text);
  });

  it('truncates on a character boundary', () => {
    expect(truncateUtf8('法治政府', 7)).toBe('法治');
    expect(truncateUtf8('a😀', 4)).toBe('a');
  });
});
