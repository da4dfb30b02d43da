// Turns the bytes of an uploaded report into text the parser can take, whatever the (sniffed) format.
import { defaultZipLimits } from './assert-safe-zip.js';
import { decodeHtml } from './decode-html.js';
import { decodeTextFile } from './decode-text-file.js';
import { extractDocx } from './extract-docx.js';
import { extractPdf } from './extract-pdf.js';
import { EmptyFileError, FileTooLargeError, TextTooLongError } from './format-error.js';
import { htmlToText } from './html-to-text.js';
import type { ExtractedReport, ExtractOptions } from './report-format.js';
import { defaultMaxZipEntries, sniffFormat } from './sniff-format.js';

export const defaultMaxBytes = 20 * 1024 * 1024;
export const defaultMaxUncompressedBytes = defaultZipLimits.maxUncompressedBytes;
/** The longest report text accepted: the sample reports have 4,000–8,000 characters, a long yearly report a few 100,000. */
export const defaultMaxCharacters = 500_000;

/**
 * The report's text and what was learned on the way (format, title, pages). The format comes from the content;
 * `filename` only tells Markdown from plain text. Throws a FormatError subclass for anything it cannot take.
 */
export async function extractReport(bytes: Uint8Array, options: ExtractOptions = {}): Promise<ExtractedReport> {
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  if (bytes.length > maxBytes) throw new FileTooLargeError(bytes.length, maxBytes);
  if (bytes.length === 0) throw new EmptyFileError();

  const format = sniffFormat(bytes, defaultMaxZipEntries);
  const result = await extractByFormat(format, bytes, options);
  const maxCharacters = options.maxCharacters ?? defaultMaxCharacters;
  if (result.text.length > maxCharacters) throw new TextTooLongError(result.text.length, maxCharacters);
  if (result.text.trim().length === 0) throw new EmptyFileError(`The ${result.format} file holds no text`);
  return result;
}

async function extractByFormat(format: ReturnType<typeof sniffFormat>, bytes: Uint8Array, options: ExtractOptions): Promise<ExtractedReport> {
  switch (format) {
    case 'pdf':
      return { format, ...(await extractPdf(bytes)) };
    case 'docx':
      return {
        format,
        ...(await extractDocx(bytes, {
          ...defaultZipLimits,
          maxUncompressedBytes: options.maxUncompressedBytes ?? defaultMaxUncompressedBytes,
          maxEntries: defaultMaxZipEntries,
        })),
      };
    case 'html':
      return { format, ...htmlToText(decodeHtml(bytes)) };
    case 'text': {
      // Exactly as decoded: citations quote text files character for character, line ends included.
      const text = decodeTextFile(bytes);
      return { format: isMarkdownName(options.filename) ? 'markdown' : 'text', text, title: null };
    }
  }
}

function isMarkdownName(filename: string | undefined): boolean {
  return filename !== undefined && /\.(md|markdown|mdown|mkd)$/i.test(filename.trim());
}
