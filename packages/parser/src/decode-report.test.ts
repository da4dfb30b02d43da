// Tests for decodeReport: encodings detected from the bytes, binary and empty input rejected with stable codes.
import { describe, expect, it } from 'vitest';
import { decodeReport } from './decode-report.js';
import { ParseError } from './parse-error.js';

const GBK_HEX =
  'baa3b6abcad0c8cbc3f1d5feb8aeb9d8d3da32303230c4eab7a8d6ced5feb8aebda8c9e8c7e9bff6b5c4b1a8b8e60a32303230c4eaa3acc8abcad0cdc6bdf8d2c0b7a8d0d0d5fea3acb0ecbde1b8b4d2e9b0b8bcfe3132bcfea1a3';
const GBK_TEXT = '海东市人民政府关于2020年法治政府建设情况的报告\n2020年，全市推进依法行政，办结复议案件12件。';

const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    return (error as ParseError).code;
  }
  return undefined;
}

describe('decodeReport', () => {
  it('decodes UTF-8 without a BOM', () => {
    expect(decodeReport(utf8(GBK_TEXT))).toBe(GBK_TEXT);
  });

  it('drops a UTF-8 BOM and nothing else', () => {
    expect(decodeReport(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('报告\n正文')]))).toBe('报告\n正文');
  });

  it('detects GBK from the bytes', () => {
    expect(decodeReport(bytes(GBK_HEX))).toBe(GBK_TEXT);
  });

  it('decodes GB18030 four-byte characters', () => {
    expect(decodeReport(new Uint8Array([...bytes(GBK_HEX), ...bytes('8139ee39')]))).toBe(`${GBK_TEXT}㐀`);
  });

  it('keeps CRLF line ends so offsets index the original', () => {
    const text = decodeReport(utf8('一、总体情况\r\n全年办结案件12件。\r\n'));
    expect(text).toBe('一、总体情况\r\n全年办结案件12件。\r\n');
  });

  it('decodes UTF-16 with a BOM', () => {
    const body = '法治政府建设情况报告';
    const units = Array.from(body, (char) => char.charCodeAt(0));
    const le = new Uint8Array([0xff, 0xfe, ...units.flatMap((unit) => [unit & 0xff, unit >> 8])]);
    expect(decodeReport(le)).toBe(body);
  });

  it('rejects empty and whitespace-only input', () => {
    expect(codeOf(() => decodeReport(new Uint8Array()))).toBe('EMPTY_INPUT');
    expect(codeOf(() => decodeReport(utf8(' \r\n\t\u3000 ')))).toBe('EMPTY_INPUT');
  });

  it('rejects binary input', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(codeOf(() => decodeReport(png))).toBe('BINARY_INPUT');
    const controls = utf8('报告\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008');
    expect(codeOf(() => decodeReport(controls))).toBe('BINARY_INPUT');
  });

  it('rejects bytes that are neither UTF-8 nor plausible GBK', () => {
    // Valid GB18030 sequences that decode to rare characters only: not a Chinese report.
    const soup = new Uint8Array(Array.from({ length: 40 }, (_, index) => [0x81, 0x30 + (index % 10), 0x81 + (index % 50), 0x30 + (index % 10)]).flat());
    const code = codeOf(() => decodeReport(soup));
    expect(['UNDECODABLE', 'BINARY_INPUT']).toContain(code);
    expect(codeOf(() => decodeReport(new Uint8Array([0xff, 0xff, 0xff, 0x41])))).toBe('UNDECODABLE');
  });

  it('gives an English message with the code', () => {
    const error = (() => {
      try {
        decodeReport(new Uint8Array());
      } catch (caught) {
        return caught as ParseError;
      }
      return null;
    })();
    expect(error?.message).toMatch(/empty/i);
    expect(error?.name).toBe('ParseError');
  });
});
