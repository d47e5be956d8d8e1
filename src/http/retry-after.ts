/** Response headers: lower-case names, repeated headers as arrays. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

export interface RateLimitState {
  limit?: number;
  remaining?: number;
  /** Milliseconds until the window resets. */
  resetInMs?: number;
}

/** Reset values above this are Unix timestamps (GitHub-style), below it delta seconds. */
const EPOCH_SECONDS_THRESHOLD = 1_000_000_000;

export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

/** `Retry-After`: delta seconds or an HTTP-date. Returns milliseconds to wait. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** `RateLimit-Reset` / `X-RateLimit-Reset`: delta seconds, or epoch seconds when that large. */
export function parseResetSeconds(value: string | undefined, nowMs: number): number | undefined {
  const seconds = parseNumber(value);
  if (seconds === undefined) return undefined;
  if (seconds > EPOCH_SECONDS_THRESHOLD) return Math.max(0, seconds * 1000 - nowMs);
  return seconds * 1000;
}

/**
 * The combined `RateLimit` header: Close's `limit=100, remaining=0, reset=1`, or the
 * IETF draft's `"default";r=0;t=1`. Seconds throughout.
 */
export function parseRateLimitHeader(value: string | undefined): RateLimitState {
  const state: RateLimitState = {};
  if (!value) return state;
  for (const part of value.split(/[,;]/)) {
    const match = /^\s*([a-z-]+)\s*=\s*"?([\d.]+)"?\s*$/i.exec(part);
    if (!match) continue;
    const number = Number(match[2]);
    if (!Number.isFinite(number)) continue;
    switch (match[1]!.toLowerCase()) {
      case 'limit':
      case 'l':
        state.limit = number;
        break;
      case 'remaining':
      case 'r':
        state.remaining = number;
        break;
      case 'reset':
      case 't':
        state.resetInMs = number * 1000;
        break;
    }
  }
  return state;
}

/** Everything the rate headers say, whichever style the CRM uses. */
export function readRateLimitState(headers: ResponseHeaders, nowMs: number): RateLimitState {
  const combined = parseRateLimitHeader(headerValue(headers, 'ratelimit'));
  const pick = (name: string): string | undefined =>
    headerValue(headers, `ratelimit-${name}`) ?? headerValue(headers, `x-ratelimit-${name}`);
  return {
    limit: combined.limit ?? parseNumber(pick('limit')),
    remaining: combined.remaining ?? parseNumber(pick('remaining')),
    resetInMs: combined.resetInMs ?? parseResetSeconds(pick('reset'), nowMs),
  };
}

/**
 * How long the server asked us to wait after a 429 or 503. Takes the longest of
 * what the headers say, so we never come back before any of them allows.
 */
export function waitFromHeaders(headers: ResponseHeaders, nowMs: number): number | undefined {
  const candidates = [
    parseRetryAfter(headerValue(headers, 'retry-after'), nowMs),
    readRateLimitState(headers, nowMs).resetInMs,
  ].filter((ms): ms is number => ms !== undefined);
  return candidates.length ? Math.max(...candidates) : undefined;
}

function parseNumber(value: string | undefined): number | undefined {
  const text = value?.trim();
  if (!text || !/^\d+(\.\d+)?$/.test(text)) return undefined;
  return Number(text);
}
