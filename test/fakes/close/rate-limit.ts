import type { RateWindow } from '../kit/rate-window';

/**
 * Close limits requests per API key (per endpoint group; the fake uses one group, the stricter
 * reading) in a sliding one-second window, and every answer carries
 * `RateLimit: limit=…, remaining=…, reset=…` (whole seconds, as Close sends them). None when off.
 */
export function rateLimitHeader(window: RateWindow, at: number): Record<string, string> {
  if (!window.enabled) return {};
  return { ratelimit: `limit=${window.limit}, remaining=${window.remaining(at)}, reset=${Math.ceil(window.resetSeconds(at))}` };
}
