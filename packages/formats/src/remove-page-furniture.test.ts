// Running headers, footers and page numbers are furniture; body lines, even repeated or numeric ones, are not.
import { describe, expect, it } from 'vitest';
import type { PdfLine } from './pdf-line.js';
import { isPageNumber, removePageFurniture } from './remove-page-furniture.js';

const line = (text: string, y: number): PdfLine => ({ text, x: 72, right: 500, y, size: 12 });
const page = (texts: string[]): PdfLine[] => texts.map((text, index) => line(text, 800 - index * 20));

describe('isPageNumber', () => {
  it('recognises the page number forms of Chinese documents', () => {
    for (const text of ['- 3 -', '— 12 —', '－3－', '第3页', '第 3 页 共 9 页', '共9页 第3页', '3/9', 'Page 3 of 9']) {
      expect(isPageNumber(text, false), text).toBe(true);
    }
  });

  it('takes a bare number for a page number only at the edge of a page', () => {
    expect(isPageNumber('3', true)).toBe(true);
    expect(isPageNumber('3', false)).toBe(false);
    expect(isPageNumber('2020年', true)).toBe(false);
    expect(isPageNumber('第三页的内容', false)).toBe(false);
  });
});

describe('removePageFurniture', () => {
  it('drops a header repeated on every page, even with the page number in it, and bare page numbers', () => {
    const bodies = [
      ['2020年，在省委省政府的坚强领导下，', '海东市坚持以习近平新时代中国特色', '社会主义思想为指引。'],
      ['一、工作开展情况', '（一）坚持高位推动，', '全市法治政府建设责任全面落实。'],
      ['二、存在的问题', '一是法治意识有待加强，', '二是执法队伍有待充实。'],
    ];
    const pages = bodies.map((body, index) => page([`海东市人民政府文件 第${index + 1}页`, ...body, `${index + 1}`]));
    const cleaned = removePageFurniture(pages).map((lines) => lines.map((kept) => kept.text));
    expect(cleaned).toEqual(bodies);
  });

  it('keeps lines repeated mid-page, drops those repeated at page edges, leaves a single page alone', () => {
    const body = ['标题', '（一）加强组织领导', '同上', '（二）完善制度', '同上', '（三）强化监督', '结尾'];
    const pages = [page(body), page(body)];
    expect(removePageFurniture(pages).map((lines) => lines.map((kept) => kept.text))).toEqual([
      body.slice(2, 5),
      body.slice(2, 5),
    ]);
    expect(removePageFurniture([page(body)])[0]?.map((kept) => kept.text)).toEqual(body);
  });

  it('needs a line on at least half the pages to call it a running header', () => {
    const pages = [1, 2, 3, 4, 5].map((number) => page([number === 1 ? '附件1' : `正文${'甲乙丙丁戊'[number - 1]}`, '正文内容', '结束']));
    const cleaned = removePageFurniture(pages);
    expect(cleaned[0]?.map((kept) => kept.text)).toEqual(['附件1']);
    expect(cleaned[1]?.map((kept) => kept.text)).toEqual(['正文乙']);
  });
});
