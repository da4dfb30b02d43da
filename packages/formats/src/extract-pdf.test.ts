// PDFs generated from a sample report: body text kept with its paragraphs whole, headers and page numbers gone.
import { describe, expect, it } from 'vitest';
import { extractPdf } from './extract-pdf.js';
import { EncryptedFileError, NoTextLayerError, UnreadableFileError } from './format-error.js';
import { findCjkFont, makeEncryptedPdf, makePdf, makePdfWithoutText, readSampleReport, reportParagraphs } from './testing/index.js';

const font = findCjkFont();
const header = '海东市人民政府关于2020年度法治政府建设工作情况的报告';

describe('extractPdf', () => {
  it('refuses a PDF with only drawings (no text layer) with the OCR message', async () => {
    const bytes = await makePdfWithoutText(3);
    const error = await extractPdf(bytes).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NoTextLayerError);
    expect(error).toMatchObject({ code: 'PDF_NO_TEXT', userMessage: '该PDF没有文字层，请先进行文字识别' });
  });

  it('refuses a password-protected PDF and a damaged one with their own codes', async () => {
    await expect(extractPdf(await makeEncryptedPdf())).rejects.toBeInstanceOf(EncryptedFileError);
    await expect(extractPdf(new TextEncoder().encode('%PDF-1.7\nnot really a pdf\n'))).rejects.toBeInstanceOf(UnreadableFileError);
  });

  describe.skipIf(font === null)('with a CJK font (skipped: no CJK font found, run `apt-get install -y fonts-wqy-zenhei`)', () => {
    it('keeps every paragraph whole, joins lines and page breaks, drops the running header and page numbers', async () => {
      const paragraphs = reportParagraphs(readSampleReport('000_2c522bdb5677e79f.txt')).slice(0, 30);
      const fixture = await makePdf({ font: font!, paragraphs, header, footer: (page) => `- ${page} -`, title: header });
      expect(fixture.pages).toBeGreaterThanOrEqual(4);
      expect(fixture.splitParagraphs.length).toBeGreaterThan(0);

      const result = await extractPdf(fixture.bytes);
      // A space where the line wraps is consumed by the layout, as in any PDF; the paragraphs must match otherwise.
      const compact = (text: string) => text.replace(/\s+/g, '');
      expect(result.pages).toBe(fixture.pages);
      expect(result.title).toBe(header);
      expect(result.text.split('\n').map(compact)).toEqual(paragraphs.map(compact));
      expect(result.text).not.toContain(header);
      expect(result.text).not.toMatch(/^-\s*\d+\s*-$/m);
    });

    it('without indentation, ends paragraphs at sentence ends, short lines and spacing; 第n页 footers go', async () => {
      const paragraphs = reportParagraphs(readSampleReport('004_21f6359df466e4c8.txt')).slice(10, 30);
      const fixture = await makePdf({
        font: font!,
        paragraphs,
        indentEms: 0,
        paragraphGap: 10,
        header: '城东区2017年法治政府建设工作情况汇报',
        footer: (page, pages) => `第 ${page} 页 共 ${pages} 页`,
      });
      expect(fixture.pages).toBeGreaterThanOrEqual(3);

      const result = await extractPdf(fixture.bytes);
      const compact = (text: string) => text.replace(/\s+/g, '');
      expect(result.text.split('\n').map(compact)).toEqual(paragraphs.map(compact));
      expect(result.text).not.toMatch(/第 \d+ 页/);
      expect(result.title).toBeNull();
    });
  });
});
