// Public exports of @report-qa/parser.
export type * from './types.js';
export { ParseError, type ParseErrorCode } from './parse-error.js';
export { decodeReport } from './decode-report.js';
export { cleanText, type CleanedText } from './clean-text.js';
export { isChromeLine, stripChrome } from './strip-chrome.js';
export { extractMetadata } from './extract-metadata.js';
export { chunkReport } from './chunk-report.js';
export { parseReport } from './parse-report.js';
export { splitReportSentences, splitClauses, type TextSpan } from './split-report-sentences.js';
export { splitSentences, type Span } from './split-sentences.js';
export { parseChineseNumber, CHINESE_NUMERAL_CHARACTERS } from './parse-chinese-number.js';
