/** Hindsight's API, as documented (https://docs.usehindsight.com/api-reference/get-deals). */
export const DEFAULT_API_BASE = 'https://app.usehindsight.com/api/v1';
/** The path every request goes under. */
export const API_PATH = '/api/v1';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export type ApiBaseResult = { ok: true; apiBase: string; appOrigin: string } | { ok: false; problem: string };

/**
 * The API base: Hindsight's own unless the account gives one (the fakes do; the descriptor asks
 * the user for none). Given with or without `/api/v1`. Plain http is refused except on loopback,
 * so the key never crosses the network unencrypted.
 */
export function resolveApiBase(given: string | undefined): ApiBaseResult {
  const text = given?.trim();
  if (!text) return { ok: true, apiBase: DEFAULT_API_BASE, appOrigin: new URL(DEFAULT_API_BASE).origin };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: `the account's base URL "${text}" is not a URL; remove it to use Hindsight's own` };
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return { ok: false, problem: "the account's base URL must start with https://" };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { ok: false, problem: "the account's base URL must be a plain address, without credentials, query or fragment" };
  }
  let path = url.pathname.replace(/\/+$/, '');
  if (path.toLowerCase().endsWith(API_PATH)) path = path.slice(0, -API_PATH.length);
  return { ok: true, apiBase: `${url.origin}${path}${API_PATH}`, appOrigin: url.origin };
}
