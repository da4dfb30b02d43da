// Public exports of @report-qa/formats.
export {};
