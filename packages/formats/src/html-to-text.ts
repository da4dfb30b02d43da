// Turns an HTML page into its body text: site chrome and scripts dropped, blocks and line breaks kept as newlines.
import { isTag, isText } from 'domhandler';
import type { AnyNode, Element } from 'domhandler';
import { parseDocument } from 'htmlparser2';
import { isChromeContainer } from './is-chrome-container.js';

export interface HtmlText {
  text: string;
  title: string | null;
}

// Never text: code, styling, embedded objects, and page furniture that HTML marks as such.
const droppedElements = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'canvas', 'video', 'audio',
  'head', 'title', 'meta', 'link', 'base', 'nav', 'footer', 'aside', 'form', 'button', 'select', 'textarea', 'input',
  'dialog', 'menu',
]);

const blockElements = new Set([
  'address', 'article', 'blockquote', 'caption', 'center', 'dd', 'details', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre',
  'section', 'summary', 'table', 'tbody', 'thead', 'tfoot', 'tr', 'ul',
]);

const cellElements = new Set(['td', 'th']);

/** Body text, one paragraph or heading per line, and the page title (the <h1> when <title> confirms it). */
export function htmlToText(html: string): HtmlText {
  const document = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const parts: string[] = [];
  for (const node of document.children) collect(node, parts, false);
  const text = parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/[ \t\u00a0]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n');
  return { text, title: pickTitle(document.children) };
}

function collect(node: AnyNode, parts: string[], insideArticle: boolean): void {
  if (isText(node)) {
    parts.push(node.data.replace(/[\s\u00a0]+/g, ' '));
    return;
  }
  if (!isTag(node) || shouldDrop(node, insideArticle)) return;
  const name = node.name;
  if (name === 'br') {
    parts.push('\n');
    return;
  }
  if (name === 'pre') {
    parts.push('\n', textContent(node), '\n');
    return;
  }
  const block = blockElements.has(name);
  if (block) parts.push('\n');
  if (cellElements.has(name)) parts.push(' ');
  const inArticle = insideArticle || name === 'article' || name === 'main';
  for (const child of node.children) collect(child, parts, inArticle);
  if (block) parts.push('\n');
}

// A <header> inside an article holds its title; a page-level <header> is the site banner.
function shouldDrop(element: Element, insideArticle: boolean): boolean {
  if (droppedElements.has(element.name)) return true;
  if (element.name === 'header' && !insideArticle) return !containsHeading(element);
  if (element.attribs.hidden !== undefined || element.attribs['aria-hidden'] === 'true') return true;
  if (/display\s*:\s*none/i.test(element.attribs.style ?? '')) return true;
  const role = element.attribs.role ?? '';
  if (['navigation', 'banner', 'contentinfo', 'search', 'complementary', 'menu', 'menubar'].includes(role)) return true;
  const chrome = isChromeContainer(element.attribs.class ?? '', element.attribs.id ?? '');
  return chrome === 'chrome' || (chrome === 'banner' && !containsHeading(element));
}

function containsHeading(element: Element): boolean {
  return element.children.some((child) => isTag(child) && (/^h[1-3]$/.test(child.name) || containsHeading(child)));
}

function textContent(node: AnyNode): string {
  if (isText(node)) return node.data;
  if (!isTag(node) || droppedElements.has(node.name)) return '';
  return node.children.map(textContent).join('');
}

function findFirst(nodes: readonly AnyNode[], name: string): Element | null {
  for (const node of nodes) {
    if (!isTag(node)) continue;
    if (node.name === name) return node;
    const found = findFirst(node.children, name);
    if (found) return found;
  }
  return null;
}

// Site titles read "文章标题_某某人民政府网": prefer the <h1> when it is part of <title>, else the longest segment.
function pickTitle(nodes: readonly AnyNode[]): string | null {
  const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
  const titleElement = findFirst(nodes, 'title');
  const title = titleElement ? clean(titleElement.children.map(textContent).join('')) : '';
  const h1Element = findFirst(nodes, 'h1');
  const heading = h1Element ? clean(textContent(h1Element)) : '';
  if (heading && title.includes(heading)) return heading;
  const segments = title.split(/\s*(?:[_|｜]|\s-\s|——|--)\s*/).filter((segment) => segment.length > 0);
  const longest = segments.reduce((best, segment) => (segment.length > best.length ? segment : best), '');
  return longest || heading || null;
}
