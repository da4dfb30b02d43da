// Decodes a plain-text upload with the parser's report decoder, translating its errors into format errors.
import { decodeReport } from '@report-qa/parser';
import { EmptyFileError, UnsupportedFormatError } from './format-error.js';

/** UTF-8 (with or without BOM), UTF-16 with BOM, or GBK/GB18030, detected from the bytes. */
export function decodeTextFile(bytes: Uint8Array): string {
  try {
    return decodeReport(bytes);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    if (code === 'EMPTY_INPUT') throw new EmptyFileError('Text file holds no text');
    if (code === 'BINARY_INPUT' || code === 'UNDECODABLE') {
      throw new UnsupportedFormatError(
        code === 'UNDECODABLE' ? 'unknown-encoding' : 'binary',
        code === 'UNDECODABLE' ? '无法识别文件的文字编码，请另存为 UTF-8 后上传' : undefined,
        { cause: error },
      );
    }
    throw error;
  }
}
