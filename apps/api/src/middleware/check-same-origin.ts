// Keyless writes must come from the app's own page on a local host name: Origin, Sec-Fetch-Site, Host and proxy headers are checked.
import type { Context } from 'hono';
import { ApiError } from './api-error.js';

/** Headers a reverse proxy adds: a request that carries one did not come from this machine's own browser. */
const proxyHeaders = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip'];
/** `none` is a request the user started (typed address, bookmark); `same-origin` is our own page. */
const acceptedFetchSites = new Set(['same-origin', 'none']);
const howToFix = '请在本机浏览器中打开本应用（http://localhost:端口）再操作，或设置 API_KEYS 并在请求头中提供 Authorization: Bearer <key>';

/** localhost and its subdomains (RFC 6761: always loopback), 127.0.0.0/8 and [::1]. */
export function isLoopbackHostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(name) || name === '[::1]';
}

function parseHost(host: string): URL | null {
  if (!host || /[\s/@?#\\]/.test(host)) return null;
  try {
    return new URL(`http://${host}`);
  } catch {
    return null;
  }
}

/**
 * Why a write without an API key must be refused, or null when it may go ahead. A web page on another site can
 * post to http://127.0.0.1:3000 from the user's own browser (Origin, Sec-Fetch-Site tell), and a DNS-rebinding
 * page can do it under its own name that resolves to 127.0.0.1 (Host tells): both are refused. Clients that are
 * not browsers (curl, scripts on this machine) send neither Origin nor Sec-Fetch-Site and pass.
 */
export function keylessWriteRefusal(c: Context, allowedHosts: readonly string[]): ApiError | null {
  const header = (name: string) => c.req.header(name);
  const forwardedBy = proxyHeaders.find((name) => header(name) !== undefined);
  if (forwardedBy) {
    return new ApiError(403, 'WRITE_DISABLED', `请求经反向代理转发（带有 ${forwardedBy} 头），未配置 API 密钥时只接受本机直接发出的修改。请设置 API_KEYS，并在请求头中提供 Authorization: Bearer <key>`);
  }

  const hostHeader = header('host') ?? new URL(c.req.url).host;
  const host = parseHost(hostHeader);
  const allowed = host && (isLoopbackHostName(host.hostname) || allowedHosts.includes(host.host) || allowedHosts.includes(host.hostname));
  if (!host || !allowed) {
    return new ApiError(
      403,
      'HOST_NOT_ALLOWED',
      `请求的主机名「${hostHeader.slice(0, 100)}」不是本机地址，已拒绝修改报告库（防止 DNS 重绑定攻击）。请通过 http://localhost:端口 或 http://127.0.0.1:端口 访问；如需使用其他主机名，请把它加入 ALLOWED_HOSTS，或设置 API_KEYS`,
    );
  }

  const fetchSite = header('sec-fetch-site')?.toLowerCase();
  const origin = header('origin');
  let sameOrigin = true;
  if (origin !== undefined) {
    const parsed = URL.canParse(origin) ? new URL(origin) : null;
    sameOrigin = parsed !== null && (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.host === host.host;
  }
  if (!sameOrigin || (fetchSite !== undefined && !acceptedFetchSites.has(fetchSite))) {
    const from = origin ? `来自 ${origin.slice(0, 100)}` : `Sec-Fetch-Site: ${fetchSite}`;
    return new ApiError(403, 'CROSS_SITE_WRITE', `已拒绝跨站修改报告库（${from}）：未配置 API 密钥时，只接受本应用自己的页面发出的修改。${howToFix}`);
  }
  return null;
}
