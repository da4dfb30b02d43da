// Public exports of @report-qa/formats.
export { extractReport, defaultMaxBytes, defaultMaxUncompressedBytes, defaultMaxCharacters } from './extract-report.js';
export {
  createWorkerExtractor,
  defaultExtractTimeoutMs,
  defaultExtractMemoryMb,
  type ReportExtractor,
  type WorkerExtractorOptions,
} from './create-worker-extractor.js';
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
  TextTooLongError,
  ExtractionLimitError,
} from './format-error.js';
export type { FormatErrorCode } from './format-error.js';
export type { ExtractedReport, ExtractOptions, ReportFormat } from './report-format.js';
