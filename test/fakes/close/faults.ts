/** What the next matching request gets instead of its normal answer. Nothing is changed by it. */
export type CloseFault =
  /** Any status with Close's body for it (or `body`): 401, 402, 403, 404, 405, 500, 502, 503, … */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** 400 `{"errors": [...], "field-errors": {...}}` keyed by Close's field names. */
  | { kind: 'fieldErrors'; fieldErrors: Record<string, string>; errors?: string[] }
  /**
   * 429 with exactly one wait hint, so each form can be tested alone: the combined `RateLimit`
   * header, `Retry-After`, `RateLimit-Reset`, or the body's `error.rate_reset`.
   */
  | { kind: 'rateLimit'; form: 'RateLimit' | 'Retry-After' | 'RateLimit-Reset' | 'body'; seconds: number }
  /** Waits, then answers normally only if the client is still there (a write is applied only then). */
  | { kind: 'delay'; ms: number }
  /** Sends the headers and half of a JSON body, then destroys the connection. */
  | { kind: 'drop' }
  /** 200 with a body of the wrong shape (default: `data` is a string, `id` a number). */
  | { kind: 'wrongShape'; body?: unknown };

/** Matched against the path after `/api/v1` (e.g. `/opportunity/oppo_1/`). */
export type { FaultMatch } from '../kit/fault-queue';

/** Bodies as Close sends them; only the 400 and 429 shapes are documented, the rest [UNCONFIRMED]. */
export function closeErrorBody(status: number): unknown {
  switch (status) {
    case 400: return { errors: ['Bad request.'], 'field-errors': {} };
    case 401: return { error: 'The API key you provided is invalid or has been revoked.' };
    case 402: return { error: 'Your plan does not include this feature.' };
    case 403: return { error: "You don't have permission to do this." };
    case 404: return { error: 'Not found.' };
    case 405: return { error: 'Method not allowed.' };
    case 415: return { error: 'Unsupported media type: send application/json.' };
    case 429: return { error: { rate_reset: 1, message: 'API call count exceeded for this period' } };
    case 502:
    case 503:
    case 504: return `<html><body><h1>${status} Service Unavailable</h1></body></html>`;
    default: return { error: 'Internal server error.' };
  }
}
