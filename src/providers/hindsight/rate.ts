import { type RateLimitHintInput, type RateLimits, waitFromHeaders } from '../../http';

/** Hindsight's limits are per minute (60 / 300 / 1,000 by plan). */
export const MINUTE_MS = 60_000;

/**
 * The plan's budget as the HTTP layer's window: up to `perWindow - 1` requests in any window of
 * `windowMs`, however it is aligned, going at once when they are needed (a pipeline's first screen
 * loads without waiting); one is left free for another tool on the key or network jitter.
 */
export function windowBudget(perWindow: number, windowMs: number, concurrency: number): RateLimits {
  const limit = Math.max(1, Math.floor(perWindow) - 1);
  return { ratePerSecond: (limit * 1000) / windowMs, concurrency, window: { limit, ms: windowMs } };
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
