// Recognises site chrome (menus, breadcrumbs, footers, share bars) from an element's class and id.

// Words distinctive enough to match anywhere inside a class or id ("topnav", "site-footer", "bdsharebuttonbox").
const containedWords = /nav|menu|breadcrumb|crumb|footer|share|sidebar|copyright|pagination|pager|toolbar|cookie|advert|social|login|skip-?link|friendlink|weixin|qrcode/i;
// Short words that only count as a whole token ("foot", "top", "ad"), so "header-title" or "road" do not match.
const tokenWords = new Set([
  'foot', 'bottom', 'top', 'head', 'header', 'banner', 'side', 'search', 'ad', 'ads', 'print', 'related', 'comment',
  'comments', 'links', 'position', 'location', 'dqwz', 'fx', 'prev', 'next', 'prevnext', 'logo',
]);

/** True when the class or id names a chrome container. */
export function isChromeContainer(className: string, id: string): boolean {
  const names = `${className} ${id}`;
  if (containedWords.test(names)) return true;
  return names
    .toLowerCase()
    .split(/[\s_-]+/)
    .some((token) => tokenWords.has(token));
}
