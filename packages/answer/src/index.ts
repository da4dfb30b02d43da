// Public exports of @report-qa/answer.
export type * from './types.js';
