// Lines become paragraphs by indentation, spacing, sentence ends and short lines; Chinese joins without spaces.
import { describe, expect, it } from 'vitest';
import { joinPdfLines } from './join-pdf-lines.js';
import type { PdfLine } from './pdf-line.js';

const size = 12;
const left = 72;
const right = 523;

function lines(spec: readonly [text: string, indent: number, ends: number, gap?: number][]): PdfLine[] {
  let y = 800;
  return spec.map(([text, indent, ends, gap = 0]) => {
    y -= 20 + gap;
    return { text, x: left + indent * size, right: right - ends * size, y, size };
  });
}

describe('joinPdfLines', () => {
  it('starts a paragraph at each indented line and joins the rest, across pages', () => {
    const first = lines([
      ['2020年，海东市坚持以习近平新时代中国特色社会主义思想为指引，', 2, 0],
      ['认真贯彻落实党的十九大精神。', 0, 20],
      ['一、工作开展情况', 2, 28],
      ['（一）坚持高位推动，全市法治政府建设', 2, 0],
    ]);
    const second = lines([['责任全面落实。', 0, 25]]);
    expect(joinPdfLines([first, second])).toBe(
      '2020年，海东市坚持以习近平新时代中国特色社会主义思想为指引，认真贯彻落实党的十九大精神。\n一、工作开展情况\n（一）坚持高位推动，全市法治政府建设责任全面落实。',
    );
  });

  it('without indentation, ends paragraphs at sentence ends and headings but not at lines a few characters short', () => {
    const page = lines([
      ['一、主要做法', 0, 30],
      ['深入贯彻《法治政府建设实施纲要', 0, 6],
      ['（2015-2020年）》，全面推进依法行政。', 0, 15],
      ['二是完善制度，修订规范性文件', 0, 1],
      ['12件。', 0, 33],
    ]);
    expect(joinPdfLines([page])).toBe('一、主要做法\n深入贯彻《法治政府建设实施纲要（2015-2020年）》，全面推进依法行政。\n二是完善制度，修订规范性文件12件。');
  });

  it('ends a paragraph at a wider gap between lines and puts spaces back only between Latin words', () => {
    const page = lines([
      ['推进 Internet', 0, 0],
      ['Plus 政务服务', 0, 0],
      ['第二段', 0, 0, 12],
      ['继续', 0, 30],
    ]);
    expect(joinPdfLines([page])).toBe('推进 Internet Plus 政务服务\n第二段继续');
  });

  it('returns an empty string for no lines', () => {
    expect(joinPdfLines([[], []])).toBe('');
  });
});
