/** The path every ActiveCampaign v3 request goes under. */
export const API_PATH = '/api/3';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type ApiUrlResult = { ok: true; apiBase: string; accountUrl: string } | { ok: false; problem: string };

/**
 * The API base (`https://acme.api-us1.com/api/3`) from the URL the user copied from Settings →
 * Developer, given with or without `/api/3` and a trailing slash. Plain http is refused except
 * on loopback (the fakes), so the key never crosses the network unencrypted.
 */
export function resolveApiUrl(given: string | undefined): ApiUrlResult {
  const text = given?.trim();
  if (!text) return { ok: false, problem: 'the account has no API URL; copy it from Settings → Developer in ActiveCampaign' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: `"${text}" is not a URL; copy the API URL from Settings → Developer in ActiveCampaign` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return { ok: false, problem: 'the API URL must start with https://' };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, problem: 'the API URL must be just the address shown in Settings → Developer' };
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path.toLowerCase().endsWith(API_PATH)) path = path.slice(0, -API_PATH.length);
  const accountUrl = `${url.origin}${path}`;
  return { ok: true, apiBase: `${accountUrl}${API_PATH}`, accountUrl };
}
