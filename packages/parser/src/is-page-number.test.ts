// Tests for PDF page-number recognition.
import { describe, expect, it } from 'vitest';
import { isPageNumber } from './is-page-number.js';

describe('isPageNumber', () => {
  it.each(['— 2 —', '-3-', '12', '第2页', '第 2 页 共 5 页', '3/12', '－ 七 －'])('recognises %s', (line) => {
    expect(isPageNumber(line)).toBe(true);
  });

  it.each(['2020年', '一、工作开展情况', '全年办结12件。', '12348法网'])('keeps %s', (line) => {
    expect(isPageNumber(line)).toBe(false);
  });
});
