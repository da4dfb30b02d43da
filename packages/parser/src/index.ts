// Public exports of @report-qa/parser.
export type * from './types.js';
