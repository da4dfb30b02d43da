// Recognises web-page chrome (breadcrumbs, publish-time lines, prev/next links, widgets, footers) so it never becomes a passage.
import { cleanLine } from './clean-line.js';
import { splitLines } from './split-lines.js';

const MAX_CHROME_LINE = 200;
const LONG_PROSE = 60;

const LINE_PATTERNS: RegExp[] = [
  // Breadcrumbs.
  /^(?:您|你)?(?:当前|现在|目前)?(?:的)?(?:所在)?(?:的)?(?:位置|页面)[:：]/,
  /首页\s*(?:>|»|＞|›|→|\/|>>|-)/,
  // Previous / next links and page commands.
  /^(?:上一条|下一条|上一篇|下一篇|上一页|下一页|前一篇|后一篇)(?:[:：]|$)/,
  /关闭窗口|打印本页|打印此页|打印文章|【打印】|\[打印\]|【关闭】|\[关闭\]|【关闭窗口】|返回顶部|加入收藏|设为首页|收藏本页|保存本页|【返回】|\[返回\]/,
  /^(?:[【\[]?(?:打印|关闭|返回|收藏|分享|顶部|打印本页|打印正文|关闭窗口|关闭本页|返回顶部|返回列表|保存|纠错|我要纠错|正文|全文)[】\]]?[|｜/\s]*)+$/,
  /^(?:相关链接|友情链接|相关文章|相关阅读|相关新闻|热点推荐|推荐阅读|热门文章|原文链接)/,
  /^本(?:网站|站)(?:由|内容|所有|版权|信息)/,
  /^(?:联系电话|联系地址|联系方式|邮政编码|邮编|传真|地址)[:：]/,
  /(?:地址|邮编|电话|传真|邮箱|E-?mail)[:：].{0,80}(?:地址|邮编|电话|传真|邮箱|E-?mail)[:：]/i,
  // Font size and share widgets.
  /(?:字号|字体)[:：]?[【\[]*(?:大|T|小|默认)/,
  /^[【\[]?大[】\]]?[|｜]?[【\[]?中[】\]]?[|｜]?[【\[]?小[】\]]?$/,
  /^(?:分享到|分享至|扫一扫|微信扫一扫|扫码|用手机扫描|手机扫描|手机查看|分享[:：])/,
  /视力保护色|无障碍浏览|长者模式|关怀版/,
  // Footers.
  /版权所有|ICP备|ICP证|公网安备|网安备|技术维护|技术支持|网站标识码|网站识别码|建议使用.{0,20}浏览器|分辨率|Copyright|©|\(c\)\d{4}/i,
  /^(?:联系我们|网站地图|网站声明|免责声明|关于我们|隐私声明)/,
  /(?:主办单位|承办单位|主办|承办|运维单位|维护单位)[:：]/,
  /^(?:访问量|访问人数|总访问量|今日访问)[:：]?/,
  // A publish date-time line alone, as web pages print it under the title.
  /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s?\d{1,2}:\d{2}(?::\d{2})?)?$/,
  /^\d{4}年\d{1,2}月\d{1,2}日\s?\d{1,2}:\d{2}(?::\d{2})?$/,
];

// Metadata fields of a web article; a short line holding one of them (发布时间：… 来源：… 浏览次数：…) is chrome.
const FIELD_PATTERN = /(?:^|[|｜【\[\s丨])(?:发布时间|发布日期|发文日期|成文日期|更新时间|更新日期|生效日期|日期|时间|信息来源|文章来源|稿件来源|来源|作者|发布者|发布人|编辑|责任编辑|审核|审校|浏览次数|浏览量|浏览|阅读次数|阅读量|阅读|点击数|点击量|点击率|点击|访问次数|字号|字体|索引号|主题分类|信息分类|体裁分类|组配分类|服务对象|分类|发布机构|发文机关|发文机构|所属机构|公开方式|公开范围|公开时限|有效性|文号|发文字号|标题|名称|主题词|关键词)[:：]/;
const FIELD_AFTER_DATE = /^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?.{0,40}(?:来源|浏览|点击|阅读|作者|编辑)/;
const NAVIGATION_BAR = /^[^。！？；，,]{0,120}$/;

/** line is a cleaned line (see cleanText/cleanLine): spaces between Chinese characters are already gone. */
export function isChromeLine(line: string): boolean {
  const text = line.trim();
  if (text.length === 0 || text.length > MAX_CHROME_LINE) return false;
  if (FIELD_PATTERN.test(text) && text.length <= 150) return true;
  if (FIELD_AFTER_DATE.test(text)) return true;
  // A long line with sentence stops is prose that happens to name a widget or a footer word.
  if (text.length > LONG_PROSE && /[。！？]/.test(text)) return false;
  for (const pattern of LINE_PATTERNS) if (pattern.test(text)) return true;
  // Navigation bars: several short items between separators, no sentence punctuation; a markdown table row (|…|, figures) is content.
  const separators = text.match(/[|｜丨]/g)?.length ?? 0;
  return separators >= 3 && NAVIGATION_BAR.test(text) && !text.startsWith('|') && !/\d/.test(text);
}

/** Removes chrome lines from a text, keeping every other line as it was. */
export function stripChrome(text: string): string {
  const kept: string[] = [];
  for (const line of splitLines(text)) {
    const raw = text.slice(line.start, line.end);
    if (!isChromeLine(cleanLine(text, line.start, line.end).text)) kept.push(raw);
  }
  return kept.join('\n');
}
