// Recognises site chrome (menus, breadcrumbs, footers, share bars) from an element's class and id.

export type ChromeKind = 'chrome' | 'banner';

// Words distinctive enough to match anywhere inside a class or id ("topnav", "site-footer", "bdsharebuttonbox").
const containedWords = /nav|menu|breadcrumb|crumb|footer|share|sidebar|copyright|pagination|pager|toolbar|cookie|advert|social|login|skip-?link|friendlink|weixin|qrcode/i;
// Short words that only count as a whole token ("foot", "ad"), so "road" or "header-title" do not match.
const tokenWords = new Set([
  'foot', 'bottom', 'side', 'search', 'ad', 'ads', 'print', 'related', 'comment', 'comments', 'links', 'position',
  'location', 'dqwz', 'fx', 'prev', 'next', 'prevnext', 'logo',
]);
// Page tops: the site banner, but also where some templates put the article title.
const bannerWords = new Set(['top', 'head', 'header', 'banner', 'masthead']);

/** 'chrome' for menus, footers and the like, 'banner' for page-top containers, null for anything else. */
export function isChromeContainer(className: string, id: string): ChromeKind | null {
  const names = `${className} ${id}`;
  if (containedWords.test(names)) return 'chrome';
  const tokens = names.toLowerCase().split(/[\s_-]+/);
  if (tokens.some((token) => tokenWords.has(token))) return 'chrome';
  return tokens.some((token) => bannerWords.has(token)) ? 'banner' : null;
}
