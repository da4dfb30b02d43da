// Decides a file's format from its bytes alone; the file name is never trusted for this.
import { detectBinary, startsWith } from './detect-binary.js';
import { EmptyFileError, UnsupportedFormatError } from './format-error.js';
import { readZipDirectory } from './read-zip-directory.js';

export type SniffedFormat = 'pdf' | 'docx' | 'html' | 'text';

/** Most entries a DOCX may have; real ones have a few dozen. */
export const defaultMaxZipEntries = 5000;

const zipSignature = [0x50, 0x4b, 0x03, 0x04];
const emptyZipSignature = [0x50, 0x4b, 0x05, 0x06];
const pdfSignature = [0x25, 0x50, 0x44, 0x46, 0x2d];
const utf8Bom = [0xef, 0xbb, 0xbf];

const userMessages: Partial<Record<string, string>> = {
  executable: '不支持可执行程序文件，请上传 TXT、Markdown、HTML、DOCX 或 PDF 格式的报告',
  image: '不支持图片文件，请上传含文字的报告（TXT、Markdown、HTML、DOCX 或 PDF）',
  'legacy-office': '不支持旧版 Word（.doc）文件，请另存为 DOCX 后上传',
  rtf: '不支持 RTF 文件，请另存为 DOCX 后上传',
  zip: '不支持该压缩文件，只接受 DOCX 格式的 Word 文档',
};

/**
 * 'pdf', 'docx', 'html' or 'text' from the content. Throws UnsupportedFormatError for anything else (executables,
 * images, archives other than DOCX, binary data) and EmptyFileError for zero bytes.
 */
export function sniffFormat(bytes: Uint8Array, maxZipEntries = defaultMaxZipEntries): SniffedFormat {
  if (bytes.length === 0) throw new EmptyFileError();
  const start = startsWith(bytes, utf8Bom) ? 3 : 0;
  if (startsWith(bytes, pdfSignature, skipWhitespace(bytes, start))) return 'pdf';
  if (startsWith(bytes, zipSignature) || startsWith(bytes, emptyZipSignature)) {
    const entries = readZipDirectory(bytes, maxZipEntries);
    if (entries.some((entry) => entry.name === 'word/document.xml')) return 'docx';
    throw new UnsupportedFormatError('zip', userMessages.zip);
  }
  if (isUtf16(bytes)) return looksLikeHtml(new TextDecoder(utf16Label(bytes)).decode(bytes.subarray(0, 2048))) ? 'html' : 'text';
  const binary = detectBinary(bytes);
  if (binary !== null) throw new UnsupportedFormatError(binary, userMessages[binary]);
  return looksLikeHtml(latin1(bytes.subarray(start, start + 2048))) ? 'html' : 'text';
}

/** True for text that starts like an HTML document (after any XML declaration, comments and whitespace). */
export function looksLikeHtml(head: string): boolean {
  const trimmed = head
    .replace(/^\uFEFF/, '')
    .replace(/^(\s|<\?xml[^>]*>|<!--[\s\S]*?-->)*/i, '')
    .toLowerCase();
  return /^<(!doctype\s+html|html|head|body|meta|title)[\s>/]/.test(trimmed);
}

/** True when the bytes start with a UTF-16 byte order mark. */
export function isUtf16(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

export function utf16Label(bytes: Uint8Array): 'utf-16le' | 'utf-16be' {
  return startsWith(bytes, [0xff, 0xfe]) ? 'utf-16le' : 'utf-16be';
}

function skipWhitespace(bytes: Uint8Array, offset: number): number {
  let index = offset;
  while (index < bytes.length && index < 1024 && (bytes[index] === 0x20 || bytes[index] === 0x0a || bytes[index] === 0x0d || bytes[index] === 0x09)) {
    index += 1;
  }
  return index;
}

function latin1(bytes: Uint8Array): string {
  return new TextDecoder('latin1').decode(bytes);
}
