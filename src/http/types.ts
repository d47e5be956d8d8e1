import type { Clock } from './clock';
import type { ErrorDetail } from './error-body';
import type { RateLimits } from './rate-limiter';
import type { ResponseHeaders } from './retry-after';
import type { ConnectionPool } from './transport';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Arrays become repeated parameters (`a=1&a=2`); undefined values are left out. */
export type QueryValue = string | number | boolean | undefined | (string | number)[];

export interface HttpRequest {
  method: HttpMethod;
  /** Appended to the client's baseUrl, e.g. `/opportunity/`. */
  path: string;
  query?: Record<string, QueryValue>;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  /** Parsed JSON, or the text when it is not JSON, or undefined when empty. */
  body: unknown;
}

export interface HttpLogger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface WaitInfo {
  reason: 'rateLimited' | 'retry';
  delayMs: number;
  operation: string;
}

export interface RateLimitHintInput {
  status: number;
  headers: ResponseHeaders;
  body: unknown;
}

export interface RetryOptions {
  /** Attempts in total, the first included. Default 4. */
  maxAttempts?: number;
  /** First backoff step; doubles per attempt with full jitter. Default 500 ms. */
  baseDelayMs?: number;
  /** Cap of one backoff step. Default 30 s. */
  maxDelayMs?: number;
  /** The longest server-requested wait we sit out; longer ones fail as rateLimited with retryAfterMs. Default 60 s. */
  maxRetryAfterMs?: number;
}

export interface HttpClientOptions {
  /** e.g. https://api.close.com/api/v1; request paths are appended. */
  baseUrl: string;
  /** The account's label, used in error messages. */
  account: string;
  /** The CRM's display name, e.g. "Close". */
  provider: string;
  /** e.g. {Authorization: 'Basic …'}; the values are secrets and are redacted everywhere. */
  authHeaders: () => Record<string, string>;
  /** Raw secret values (the key itself) to redact from anything we show or log. */
  secrets?: () => string[];
  limits: RateLimits;
  /** Defaults: connect 10 s, response (headers and body together) 30 s. */
  timeouts?: { connectMs?: number; responseMs?: number };
  retry?: RetryOptions;
  /** Provider-specific wait in ms after a 429 or 503, e.g. Close's body `error.rate_reset`. */
  rateLimitHint?: (res: RateLimitHintInput) => number | undefined;
  /** Provider-specific error body parsing; the generic parser is used when this returns undefined. */
  errorDetail?: (status: number, body: unknown) => ErrorDetail | undefined;
  logger?: HttpLogger;
  /** Lets the UI say "Rate limited — retrying in 12 s". */
  onWait?: (info: WaitInfo) => void;
  /** The connection pool (a node:http or node:https Agent); default is a keep-alive Agent shared per origin. */
  dispatcher?: ConnectionPool;
  clock?: Clock;
}
