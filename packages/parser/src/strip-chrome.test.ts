// Tests for chrome recognition: web-page furniture goes, report sentences that merely mention such words stay.
import { describe, expect, it } from 'vitest';
import { isChromeLine, stripChrome } from './strip-chrome.js';

describe('isChromeLine', () => {
  it.each([
    '当前位置:首页>>正文',
    '您的位置：首页 > 政务公开 > 法治政府建设',
    '2022-03-21 15:26',
    '发布时间：2022-03-01 09:30:00 来源：市司法局 浏览次数：1024',
    '来源：某县司法局 发布日期：2020-02-18 浏览次数：356',
    '作者：办公室 点击数：88',
    '上一条:青海省人民政府关于县级以上人民政府统一行使行政复议职责有关事项的通告',
    '下一篇：无',
    '关闭窗口',
    '【打印】【关闭】',
    '打印本页',
    '字号：大 中 小',
    '【字体：大 中 小】',
    '分享到：微信 微博 QQ空间',
    '联系我们|网站地图',
    '版权所有:大柴旦行政委员会 青ICP备09000755号-2 电话:0977-8281328',
    '技术维护:海西州人民政府电子政务技术中心 信箱hxdzzw@haixi.gov.cn',
    '青公网安备 63280202000044号',
    '主办单位：某市人民政府办公室 承办单位：某市大数据中心',
    '技术支持：某某科技有限公司',
    '首页 | 政务公开 | 政务服务 | 互动交流 | 走进某市',
    '打印 关闭',
    '【我要纠错】 【打印本页】 【关闭窗口】',
    '2022年03月21日 10:20',
    '地址：西宁市城中区某路1号 邮编：810000 电话：0971-1234567',
    '相关链接：',
    '本网站由某市人民政府办公室主办',
  ])('treats %s as chrome', (line) => {
    expect(isChromeLine(line)).toBe(true);
  });

  it.each([
    '一、工作开展情况',
    '2020年，在省委省政府的坚强领导下，海东市坚持以习近平新时代中国特色社会主义思想为指引。',
    '在政府门户网站开设“联系我们”专栏，全年办理群众留言1200条，回复率100%，并公开技术支持单位。'.repeat(3),
    '资金来源：市级财政专项资金。',
    '2018年1月9日',
  ])('keeps %s', (line) => {
    expect(isChromeLine(line)).toBe(false);
  });
});

describe('stripChrome', () => {
  it('removes chrome lines and keeps the rest', () => {
    const page = '当前位置: 首页 >> 正文\n某县人民政府关于2019年度法治政府建设情况的报告\n发布日期：2020-02-18\n全年办结案件12件。\n关闭窗口';
    expect(stripChrome(page)).toBe('某县人民政府关于2019年度法治政府建设情况的报告\n全年办结案件12件。');
  });
});
