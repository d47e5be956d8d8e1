import type { CrmError } from './errors';
import type { HttpMethod, RetryOptions } from './types';

export type RetrySettings = Required<RetryOptions>;

export const DEFAULT_RETRY: RetrySettings = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/** A 429 without any hint still waits this long: hammering a limiter that just refused is pointless. */
const MIN_RATE_LIMIT_WAIT_MS = 1000;

const RETRYABLE_READ_STATUSES = new Set([502, 503, 504]);

export function resolveRetry(options: RetryOptions | undefined): RetrySettings {
  return {
    maxAttempts: Math.max(1, Math.floor(options?.maxAttempts ?? DEFAULT_RETRY.maxAttempts)),
    baseDelayMs: Math.max(0, options?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs),
    maxDelayMs: Math.max(0, options?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs),
    maxRetryAfterMs: Math.max(0, options?.maxRetryAfterMs ?? DEFAULT_RETRY.maxRetryAfterMs),
  };
}

/** Exponential backoff with full jitter: a random wait up to base·2^(attempt-1), capped. */
export function backoffDelay(attempt: number, settings: RetrySettings, random: () => number = Math.random): number {
  return Math.round(random() * exponentialCap(attempt, settings));
}

/** The wait after a 429 that came with no hint. */
export function rateLimitFallbackDelay(attempt: number, settings: RetrySettings): number {
  return Math.max(MIN_RATE_LIMIT_WAIT_MS, exponentialCap(attempt, settings));
}

/**
 * Reads may be repeated after a gateway error, a dropped connection or a timeout.
 * Writes may not: the CRM may have applied them before the answer was lost.
 * A 429 is different (the CRM refused before doing anything); the client handles it apart.
 */
export function isRetryableRead(method: HttpMethod, error: CrmError): boolean {
  if (method !== 'GET') return false;
  if (error.kind === 'network' || error.kind === 'timeout') return true;
  return error.status !== undefined && RETRYABLE_READ_STATUSES.has(error.status);
}

function exponentialCap(attempt: number, settings: RetrySettings): number {
  return Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}
