// Tests for cleanText: page breaks joined, OCR spaces and markdown removed, every character mapped back to the raw text.
import { describe, expect, it } from 'vitest';
import { cleanText } from './clean-text.js';

function expectMapped(raw: string): string {
  const { text, map } = cleanText(raw);
  expect(map).toHaveLength(text.length);
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    const offset = map[index] ?? -1;
    if (char === '\n') expect(['\n', '\r']).toContain(raw[offset]);
    else if (char === ' ') expect(raw[offset]).toMatch(/\s/);
    else expect(raw[offset]).toBe(char);
    if (index > 0) expect(offset).toBeGreaterThan(map[index - 1] ?? -1);
  }
  return text;
}

describe('cleanText', () => {
  it('joins a sentence cut by a PDF page break', () => {
    const raw = '市委、市政府主要领导带头认真贯彻落实中央、省委关于法治政府建设要求，带头统筹推进法治政\n\n府建设工作，推动各项目标任务落实。';
    expect(expectMapped(raw)).toBe('市委、市政府主要领导带头认真贯彻落实中央、省委关于法治政府建设要求，带头统筹推进法治政府建设工作，推动各项目标任务落实。');
  });

  it('keeps paragraphs that end a sentence apart', () => {
    const raw = '全年办结行政复议案件47件，全部在法定期限内办结。\r\n\r\n二是加强行政应诉工作，出庭应诉率达到百分之六十。';
    expect(expectMapped(raw)).toBe('全年办结行政复议案件47件，全部在法定期限内办结。\n二是加强行政应诉工作，出庭应诉率达到百分之六十。');
  });

  it('does not join a heading or a title to the next line', () => {
    expect(expectMapped('一、提高政治站位、强化组织保障，坚决扛牢第一责任人职责\n始终坚持党对法治政府建设的全面领导。')).toContain('职责\n始终');
    expect(expectMapped('海东市人民政府关于2020年度法治政府建设工作情况的报告\n省人民政府：')).toContain('报告\n省人民政府');
  });

  it('removes OCR spaces between Chinese characters and around figures', () => {
    expect(expectMapped('推进数 字政府建设，组织答题活动 23 次，办结率 99.4%')).toBe('推进数字政府建设，组织答题活动23次，办结率99.4%');
  });

  it('removes markdown markers', () => {
    expect(expectMapped('## 一、主要工作举措和成效')).toBe('一、主要工作举措和成效');
    expect(expectMapped('五是充分发挥政府 **法律顾问作用。**全年落 **实')).toBe('五是充分发挥政府法律顾问作用。全年落实');
    expect(expectMapped('> 引用的一段话。')).toBe('引用的一段话。');
    expect(expectMapped('* 列表项目一。')).toBe('列表项目一。');
  });

  it('keeps one space between Latin words and numbers', () => {
    expect(expectMapped('通过 APP  Store 下载，共 1 000 人')).toBe('通过APP Store下载，共1 000人');
  });

  it('returns empty text for blank input', () => {
    expect(cleanText(' \n\u3000\n').text).toBe('');
  });
});
