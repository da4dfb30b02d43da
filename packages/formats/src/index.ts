// Public exports of @report-qa/formats.
export { extractReport, defaultMaxBytes, defaultMaxUncompressedBytes } from './extract-report.js';
export { sniffFormat } from './sniff-format.js';
export type { SniffedFormat } from './sniff-format.js';
export { safeFileName } from './safe-file-name.js';
export { decodeHtml } from './decode-html.js';
export { htmlToText } from './html-to-text.js';
export {
  FormatError,
  UnsupportedFormatError,
  UnsafeFileError,
  NoTextLayerError,
  FileTooLargeError,
  EmptyFileError,
  UnreadableFileError,
  EncryptedFileError,
} from './format-error.js';
export type { FormatErrorCode } from './format-error.js';
export type { ExtractedReport, ExtractOptions, ReportFormat } from './report-format.js';
