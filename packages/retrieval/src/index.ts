// Public exports of @report-qa/retrieval.
export type * from './types.js';
