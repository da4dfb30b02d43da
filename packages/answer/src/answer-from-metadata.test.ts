// Which questions ask about the report itself, and so are answered from its metadata.
import { describe, expect, it } from 'vitest';
import { askedReportFields } from './answer-from-metadata.js';

describe('askedReportFields', () => {
  it('reads the date, document number, issuer and signer asked of the report', () => {
    expect(askedReportFields('海东市政府那份2020年法治政府报告是哪天印发的？')).toEqual(['date']);
    expect(askedReportFields('海东2020年报告是哪个单位印发的？文号呢？')).toEqual(['number', 'issuer']);
    expect(askedReportFields('这份报告谁签发的？')).toEqual(['signer']);
  });

  it('leaves questions about what the report tells of to the ordinary answer', () => {
    expect(askedReportFields('西宁什么时候出台的物业管理条例？')).toEqual([]);
    expect(askedReportFields('海东哪天开展了宪法宣传日活动？')).toEqual([]);
    expect(askedReportFields('海东2020年收到多少件行政复议申请？')).toEqual([]);
  });
});
