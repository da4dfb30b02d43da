// Display text drops layout (markdown, stray spaces, page breaks) and keeps every figure of the excerpt.
import { describe, expect, it } from 'vitest';
import { displayText } from './display-text.js';
import { extractFigures } from './extract-figures.js';
import { splitReportSentences as splitSentences } from '@report-qa/parser';
import { readReport } from './testing/index.js';

describe('displayText', () => {
  it('removes markdown marks, spaces inside Chinese text and line breaks', () => {
    expect(displayText('## 一、主要成效\n**培训 236 名**执法人员')).toBe('一、主要成效培训236名执法人员');
  });

  it('keeps the figures of every sentence of the sample reports', () => {
    for (const source of ['000_2c522bdb5677e79f.txt', '003_489c9a6769333a9e.txt']) {
      for (const sentence of splitSentences(readReport(source))) {
        expect(extractFigures(displayText(sentence.text))).toEqual(extractFigures(sentence.text));
      }
    }
  });
});
