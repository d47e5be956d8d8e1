export const SPOTT_API_URL = 'https://api.gospott.com';

export type ResolvedBaseUrl = { ok: true; url: string } | { ok: false; problem: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Spott's API host, or the account's own `baseUrl` (only fakes and proxies set one). The key goes
 * in a header on every request, so plain http is allowed only on this machine.
 */
export function resolveBaseUrl(baseUrl: string | undefined): ResolvedBaseUrl {
  const given = baseUrl?.trim();
  if (!given) return { ok: true, url: SPOTT_API_URL };
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return { ok: false, problem: `the account's Spott address "${given}" is not a URL; remove "baseUrl" to use ${SPOTT_API_URL}` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    return { ok: false, problem: `the account's Spott address must use https, so the API key is not sent in the clear` };
  }
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, '')}` };
}
