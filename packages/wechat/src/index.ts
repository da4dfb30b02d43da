// Public exports of @report-qa/wechat.
export {};
