// Tests for heading recognition: numbering styles, leading clauses, inline enumerations that are not headings.
import { describe, expect, it } from 'vitest';
import { detectHeading } from './detect-heading.js';

describe('detectHeading', () => {
  it.each([
    ['一、工作开展情况', 1],
    ['（八）加强行政复议工作', 2],
    ['(二)坚持改革引领，政府履职效能持续提升', 2],
    ['1.加强组织领导', 3],
    ['2、完善工作机制', 3],
    ['（1）健全制度', 4],
    ['第一部分 总体情况', 0],
  ])('recognises %s', (line, rank) => {
    expect(detectHeading(line, 0)).toEqual({ rank, heading: line, wholeLine: true });
  });

  it('takes the leading clause of a numbered paragraph', () => {
    expect(detectHeading('（一）加强组织领导。全年召开常务会议12次，研究法治政府建设工作。', 0)).toEqual({ rank: 2, heading: '（一）加强组织领导', wholeLine: false });
  });

  it('does not treat inline enumerations, figures or sentences as headings', () => {
    expect(detectHeading('一是加强组织领导。二是完善机制。', 0)).toBeNull();
    expect(detectHeading('1.5万元用于法治宣传。', 0)).toBeNull();
    expect(detectHeading('2020年，全市推进依法行政。', 0)).toBeNull();
  });

  it('accepts markdown headings without numbering', () => {
    expect(detectHeading('总体情况', 2)).toEqual({ rank: 1, heading: '总体情况', wholeLine: true });
  });
});
