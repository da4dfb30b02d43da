// extractReport end to end: files generated from the sample reports in each accepted format, and the refusals.
import { describe, expect, it } from 'vitest';
import { extractReport } from './extract-report.js';
import {
  EmptyFileError,
  FileTooLargeError,
  FormatError,
  NoTextLayerError,
  UnsafeFileError,
  UnsupportedFormatError,
} from './format-error.js';
import { encodeGbk, findCjkFont, makeDocx, makePdf, makePdfWithoutText, makeZipBomb, readSampleReport, reportParagraphs } from './testing/index.js';

const encoder = new TextEncoder();

async function failure(promise: Promise<unknown>): Promise<FormatError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof FormatError)) throw new Error(`expected a FormatError, got ${String(error)}`);
  return error;
}

describe('extractReport', () => {
  it('reads a DOCX made from a report, one paragraph per line', async () => {
    const paragraphs = reportParagraphs(readSampleReport('004_21f6359df466e4c8.txt'));
    const result = await extractReport(await makeDocx(paragraphs, '城东区2017年法治政府建设工作情况汇报'), { filename: '汇报.docx' });
    expect(result.format).toBe('docx');
    expect(result.text.split('\n')).toEqual(paragraphs);
    expect(result.title).toBe('城东区2017年法治政府建设工作情况汇报');
  });

  it('refuses a DOCX zip bomb quickly, before mammoth reads it', async () => {
    const bomb = makeZipBomb(300 * 1024 * 1024);
    const started = performance.now();
    const error = await failure(extractReport(bomb, { filename: 'report.docx' }));
    expect(error).toBeInstanceOf(UnsafeFileError);
    expect(error.code).toBe('UNSAFE_FILE');
    expect(error.userMessage).toMatch(/[\u4e00-\u9fff]/);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('applies maxUncompressedBytes to DOCX', async () => {
    const docx = await makeDocx(reportParagraphs(readSampleReport('001_f8b6fe307ef2b7ed.txt')));
    expect((await extractReport(docx)).format).toBe('docx');
    expect(await failure(extractReport(docx, { maxUncompressedBytes: 10_000 }))).toBeInstanceOf(UnsafeFileError);
  });

  it.skipIf(findCjkFont() === null)('reads a PDF made from a report (needs a CJK font: apt-get install -y fonts-wqy-zenhei)', async () => {
    const paragraphs = reportParagraphs(readSampleReport('001_f8b6fe307ef2b7ed.txt'));
    const fixture = await makePdf({ font: findCjkFont()!, paragraphs, header: '西宁市湟中区人民政府', footer: (page) => `— ${page} —` });
    const result = await extractReport(fixture.bytes, { filename: 'report.txt' });
    expect(result).toMatchObject({ format: 'pdf', pages: fixture.pages });
    const compact = (text: string) => text.replace(/\s+/g, '');
    expect(result.text.split('\n').map(compact)).toEqual(paragraphs.map(compact));
  });

  it('refuses a PDF without a text layer with PDF_NO_TEXT', async () => {
    const error = await failure(extractReport(await makePdfWithoutText(), { filename: 'scan.pdf' }));
    expect(error).toBeInstanceOf(NoTextLayerError);
    expect(error).toMatchObject({ code: 'PDF_NO_TEXT', userMessage: '该PDF没有文字层，请先进行文字识别' });
  });

  it('reads HTML as its body text, whatever the file is called', async () => {
    const html = '<!doctype html><html><head><title>报告</title><script>alert(1)</script></head><body><nav>首页</nav><p>正文第一段。</p><p>正文第二段。</p><footer>青ICP备05000832号</footer></body></html>';
    const result = await extractReport(encoder.encode(html), { filename: 'report.txt' });
    expect(result).toMatchObject({ format: 'html', text: '正文第一段。\n正文第二段。', title: '报告' });
  });

  it('reads GBK text, UTF-8 with a BOM, and tells Markdown by its name', async () => {
    const report = readSampleReport('002_108f9e6d3c976853.txt');
    const gbk = await extractReport(encodeGbk(report.replace(/\u00a0/g, ' ')), { filename: 'report.txt' });
    expect(gbk.format).toBe('text');
    expect(gbk.text).toBe(report.replace(/\u00a0/g, ' '));

    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'报告正文'].map((char) => char.charCodeAt(0))).buffer)]);
    expect(await extractReport(utf16)).toMatchObject({ format: 'text', text: '报告正文' });

    const withBom = await extractReport(new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('报告正文')]));
    expect(withBom.text).toBe('报告正文');

    const markdown = readSampleReport('003_489c9a6769333a9e.txt');
    const result = await extractReport(encoder.encode(markdown), { filename: '西宁市.MD' });
    expect(result).toMatchObject({ format: 'markdown', text: markdown });
    const crlf = '第一行\r\n第二行\r\n';
    expect((await extractReport(encoder.encode(crlf))).text).toBe(crlf);
    expect((await extractReport(encoder.encode(markdown))).format).toBe('text');
  });

  it('refuses an executable renamed .pdf or .txt', async () => {
    const windows = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]);
    const linux = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00]);
    for (const [bytes, filename] of [[windows, 'report.pdf'], [linux, 'report.txt']] as const) {
      const error = await failure(extractReport(bytes, { filename }));
      expect(error).toBeInstanceOf(UnsupportedFormatError);
      expect(error.code).toBe('UNSUPPORTED_FORMAT');
    }
  });

  it('refuses a 50 MB upload at once, and respects maxBytes', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x41);
    const started = performance.now();
    const error = await failure(extractReport(big));
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', userMessage: expect.stringContaining('20.0 MB') });
    expect(performance.now() - started).toBeLessThan(50);
    expect(await failure(extractReport(encoder.encode('报告正文'), { maxBytes: 4 }))).toBeInstanceOf(FileTooLargeError);
  });

  it('refuses empty files and files without text', async () => {
    expect(await failure(extractReport(new Uint8Array(0)))).toBeInstanceOf(EmptyFileError);
    expect(await failure(extractReport(encoder.encode(' \n\t\n')))).toBeInstanceOf(EmptyFileError);
    expect(await failure(extractReport(encoder.encode('<html><body><script>alert(1)</script></body></html>')))).toBeInstanceOf(EmptyFileError);
    expect(await failure(extractReport(await makeDocx([])))).toBeInstanceOf(EmptyFileError);
  });

  it('uses a path-like name only as a hint', async () => {
    const result = await extractReport(encoder.encode('报告正文'), { filename: '../../etc/passwd' });
    expect(result).toMatchObject({ format: 'text', text: '报告正文' });
  });
});
