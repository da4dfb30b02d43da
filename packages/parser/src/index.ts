// Public exports of @report-qa/parser.
export type * from './types.js';
export { ParseError, type ParseErrorCode } from './parse-error.js';
export { decodeReport } from './decode-report.js';
export { cleanText, type CleanedText } from './clean-text.js';
export { isChromeLine, stripChrome } from './strip-chrome.js';
export { extractMetadata } from './extract-metadata.js';
export { chunkReport } from './chunk-report.js';
export { parseReport } from './parse-report.js';
