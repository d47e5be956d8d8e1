import { type RateLimitHintInput, type RateLimits, waitFromHeaders } from '../../http';

/** Hindsight's limits are per minute (60 / 300 / 1,000 by plan). */
export const MINUTE_MS = 60_000;

/**
 * A token bucket that can never exceed `perWindow` requests in any window of `windowMs`, however
 * the window is aligned: at most `burst + steady` fit in one window, and one more is left free for
 * network jitter. A tenth of the budget goes out at once, so a pipeline's first screen (discovery
 * plus a first page per stage) usually loads without waiting; the rest is spread evenly.
 * 60/min gives a burst of 10 then 49 per minute: never more than 59 in any 60 s.
 */
export function windowBudget(perWindow: number, windowMs: number, concurrency: number): RateLimits {
  const limit = Math.max(1, Math.floor(perWindow));
  const burst = Math.max(1, Math.floor(limit / 6));
  const steady = Math.max(1, limit - burst - 1);
  return { ratePerSecond: (steady * 1000) / windowMs, burst, concurrency };
}

/**
 * The wait after a 429. Hindsight documents no rate-limit headers: when a `Retry-After` or
 * `RateLimit-*` header is there, the HTTP layer uses it and this adds nothing. Without one, a
 * minute-long window may take up to a minute to free a slot, so wait a third of it per attempt
 * (20 s at Hindsight's minute: the HTTP layer's three retries then cover a whole window) rather
 * than the generic one or two seconds.
 */
export function rateLimitHint(windowMs: number): (res: RateLimitHintInput) => number | undefined {
  return (res) => {
    if (res.status !== 429) return undefined;
    return waitFromHeaders(res.headers, Date.now()) === undefined ? Math.round(windowMs / 3) : undefined;
  };
}
