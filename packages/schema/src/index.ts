// Public exports of @report-qa/schema.
export * from './api.js';
export * from './indicators.js';
