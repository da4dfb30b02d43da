// A government web page built around a sample report: only the article comes out, never scripts or site chrome.
import { describe, expect, it } from 'vitest';
import { decodeHtml } from './decode-html.js';
import { htmlToText } from './html-to-text.js';
import { encodeGbk, readSampleReport, reportParagraphs } from './testing/index.js';

const report = reportParagraphs(readSampleReport('002_108f9e6d3c976853.txt'));
const title = '海西州人民政府关于2021年法治政府建设情况的报告';
const paragraphs = report.slice(3, 12);

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/“/g, '&ldquo;').replace(/”/g, '&rdquo;');

function governmentPage(charsetMeta = '<meta charset="utf-8">'): string {
  return `<!DOCTYPE html>
<html lang="zh-CN"><head>${charsetMeta}
<title>${title}_海西州人民政府网</title>
<style>body { font-family: "SimSun"; } .hidden { display: none }</style>
<script>var secretToken = "abc"; alert(1);</script>
</head>
<body onload="track()">
<header class="site-header"><img alt="海西州人民政府" src="logo.png"><span>欢迎访问海西州政府网</span></header>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li></ul></nav>
<div class="position">当前位置：<a href="/">首页</a> &gt;&gt; 正文</div>
<div class="main-menu">政务服务 互动交流</div>
<div class="article">
  <h1>${title}</h1>
  <div class="info">发布时间：2022-03-21&nbsp;15:26 来源：海西州政府</div>
  <script type="text/javascript">document.write("<p>injected</p>"); alert(1);</script>
  <noscript>请启用JavaScript</noscript>
  <!-- 编辑：内部备注 -->
  <div id="zoom">
${paragraphs.map((text) => `    <p style="text-indent: 2em">&nbsp;&nbsp;${escape(text)}</p>`).join('\n')}
    <p>第一行<br>第二行</p>
  </div>
  <div class="bdsharebuttonbox">分享到：微信 微博</div>
  <div class="hidden" style="display:none">隐藏的文字</div>
</div>
<aside>相关链接：青海省人民政府</aside>
<form action="/search"><input name="q" value="搜索"><button>搜索</button></form>
<footer>主办：海西州人民政府办公室 <a href="https://beian.miit.gov.cn">青ICP备05000832号</a> 青公网安备 63280202000102号</footer>
<script src="stats.js"></script><script>alert(1)</script>
</body></html>`;
}

describe('htmlToText', () => {
  it('keeps the article (title, byline, paragraphs, line breaks) and nothing else', () => {
    const result = htmlToText(governmentPage());
    expect(result.text.split('\n')).toEqual([title, '发布时间：2022-03-21 15:26 来源：海西州政府', ...paragraphs, '第一行', '第二行']);
    expect(result.title).toBe(title);
  });

  it('never lets script, style, comments, hidden text or chrome through', () => {
    const { text } = htmlToText(governmentPage());
    for (const banned of ['alert', 'secretToken', 'injected', 'font-family', 'JavaScript', '内部备注', '隐藏', 'ICP备', '首页', '分享到', '搜索', '相关链接', '欢迎访问', '互动交流']) {
      expect(text, banned).not.toContain(banned);
    }
  });

  it('decodes entities', () => {
    expect(htmlToText('<p>A &amp; B &lt;C&gt; &ldquo;三项制度&rdquo; &#x6CD5;&#27835;</p>').text).toBe('A & B <C> “三项制度” 法治');
  });

  it('keeps a title inside an article header and takes the longest title segment when there is no h1', () => {
    const page = `<html><body><header><nav>菜单</nav></header><article><header><h2>${title}</h2></header><p>正文。</p><footer>分享</footer></article></body></html>`;
    expect(htmlToText(page).text).toBe(`${title}\n正文。`);
    expect(htmlToText(`<html><head><title>首页 - ${title}</title></head><body><p>正文</p></body></html>`).title).toBe(title);
    expect(htmlToText('<html><body><p>正文</p></body></html>').title).toBeNull();
  });
});

describe('decodeHtml', () => {
  it('uses the charset of <meta charset> when the bytes are not UTF-8', () => {
    const html = governmentPage('<meta charset="gb2312">');
    expect(htmlToText(decodeHtml(encodeGbk(html))).text.split('\n').slice(2, 4)).toEqual(paragraphs.slice(0, 2));
  });

  it('reads the charset from <meta http-equiv> and ignores a wrong label on valid UTF-8', () => {
    const gbk = encodeGbk(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=GBK"></head><body><p>${title}</p></body></html>`);
    expect(htmlToText(decodeHtml(gbk)).text).toBe(title);
    const utf8 = new TextEncoder().encode(`<html><head><meta charset="gbk"></head><body><p>${title}</p></body></html>`);
    expect(htmlToText(decodeHtml(utf8)).text).toBe(title);
  });
});

describe('chrome containers', () => {
  it('drops containers named like menus, breadcrumbs, footers and share bars, and page tops without a heading', () => {
    const page = `<html><body>
      <div id="top"><img src="logo.png"><span>欢迎访问</span></div>
      <div class="topNav">导航</div><ul class="main-menu"><li>菜单</li></ul><div class="breadcrumbs">当前位置</div>
      <div class="article-head"><h2>${title}</h2></div>
      <div class="content"><p>正文。</p><div class="share-bar">分享</div></div>
      <div id="foot">版权所有</div><div class="bottom_links">友情链接</div>
    </body></html>`;
    expect(htmlToText(page).text).toBe(`${title}\n正文。`);
  });

  it('keeps content containers whose names merely contain short chrome words', () => {
    const page = '<html><body><div class="roadmap"><p>路线图</p></div><div class="headline"><p>要闻</p></div><div id="adjust"><p>调整</p></div></body></html>';
    expect(htmlToText(page).text).toBe('路线图\n要闻\n调整');
  });
});
