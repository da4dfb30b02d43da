// The format comes from the bytes: executables, images and archives are refused whatever they are called.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { EmptyFileError, UnsupportedFormatError } from './format-error.js';
import { sniffFormat } from './sniff-format.js';
import { encodeGbk, makeDocx } from './testing/index.js';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...new TextEncoder().encode(part)] : part)));

function detected(input: Uint8Array): string {
  try {
    sniffFormat(input);
  } catch (error) {
    if (error instanceof UnsupportedFormatError) return error.detected;
    throw error;
  }
  throw new Error('expected UnsupportedFormatError');
}

describe('sniffFormat', () => {
  it('recognises PDF, DOCX, HTML and text', async () => {
    expect(sniffFormat(bytes('%PDF-1.7\n%âãÏÓ\n'))).toBe('pdf');
    expect(sniffFormat(await makeDocx(['一、工作开展情况']))).toBe('docx');
    expect(sniffFormat(bytes('<!DOCTYPE html><html><body>报告</body></html>'))).toBe('html');
    expect(sniffFormat(bytes([0xef, 0xbb, 0xbf], '\n  <!-- saved --><HTML lang="zh"><p>报告</p>'))).toBe('html');
    expect(sniffFormat(bytes('<body><p>报告</p></body>'))).toBe('html');
    expect(sniffFormat(bytes('海东市人民政府关于2020年度法治政府建设工作情况的报告\n'))).toBe('text');
    expect(sniffFormat(encodeGbk('海东市人民政府关于2020年度法治政府建设工作情况的报告'))).toBe('text');
    expect(sniffFormat(bytes('## 西宁市 2022 年法治政府建设情况报告\n<p>not html at the start</p>'))).toBe('text');
  });

  it('refuses executables, images, archives and binary data', () => {
    expect(detected(bytes('MZ', [0x90, 0x00, 0x03, 0x00], 'This program cannot be run in DOS mode'))).toBe('executable');
    expect(detected(bytes([0x7f], 'ELF', [0x02, 0x01, 0x01, 0x00]))).toBe('executable');
    expect(detected(bytes([0xcf, 0xfa, 0xed, 0xfe, 0x07, 0x00, 0x00, 0x01]))).toBe('executable');
    expect(detected(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe('image');
    expect(detected(bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF'))).toBe('image');
    expect(detected(bytes([0x1f, 0x8b, 0x08, 0x00]))).toBe('archive');
    expect(detected(bytes('Rar!', [0x1a, 0x07, 0x00]))).toBe('archive');
    expect(detected(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('legacy-office');
    expect(detected(bytes('海东市', [0x00, 0x01, 0x02], '报告'))).toBe('binary');
  });

  it('refuses zips that are not DOCX, such as spreadsheets', () => {
    const xlsx = zipSync({ '[Content_Types].xml': bytes('<Types/>'), 'xl/workbook.xml': bytes('<workbook/>') });
    expect(detected(xlsx)).toBe('zip');
  });

  it('gives users a Chinese reason', () => {
    const error = (() => {
      try {
        sniffFormat(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toMatchObject({ code: 'UNSUPPORTED_FORMAT', userMessage: expect.stringContaining('DOCX') });
  });

  it('calls zero bytes empty', () => {
    expect(() => sniffFormat(new Uint8Array(0))).toThrow(EmptyFileError);
  });
});
