/** Twenty Cloud's API host; a self-hosted server is the address the user gives instead. */
export const CLOUD_URL = 'https://api.twenty.com';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type ServerUrlResult = { ok: true; serverUrl: string } | { ok: false; problem: string };

/**
 * The server's address from what the user gave (or Twenty Cloud when nothing): with or without a
 * trailing slash or `/rest`. Request paths (`/rest/…`) are appended to it. Plain http is refused
 * except on this machine (a local server, the fakes), so the key never crosses a network in clear.
 */
export function resolveServerUrl(given: string | undefined): ServerUrlResult {
  const text = given?.trim() || CLOUD_URL;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: `"${text}" is not a URL; give your Twenty server's address, e.g. https://crm.example.com` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return { ok: false, problem: 'the Twenty server address must start with https://' };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, problem: "the Twenty server address must be just the server's address, e.g. https://crm.example.com" };
  }
  const path = url.pathname.replace(/\/+$/, '').replace(/\/(rest|graphql)$/i, '');
  return { ok: true, serverUrl: `${url.origin}${path}` };
}
