import type { ErrorDetail, FieldError, RateLimitHintInput } from '../../http';

export const CLOSE_PROVIDER_NAME = 'Close';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Close's 429 body: `{"error": {"rate_reset": 1.25, …}}`, seconds, maybe a float. The HTTP client
 * takes the longest of this and the headers (`RateLimit` reset, `Retry-After`, `RateLimit-Reset`),
 * so a retry never comes before any of them allows.
 */
export function closeRateLimitHint(res: RateLimitHintInput): number | undefined {
  if (!isObject(res.body) || !isObject(res.body['error'])) return undefined;
  const reset = res.body['error']['rate_reset'];
  const seconds = typeof reset === 'number' ? reset : typeof reset === 'string' ? Number(reset) : NaN;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
}

/** Close's API keys → the model keys the deal panel shows errors beside (DealPatch keys, TaskPatch keys). */
const MODEL_KEY: Record<string, string> = {
  status_id: 'stageId',
  value: 'amount',
  value_currency: 'amount',
  value_period: 'amountPeriod',
  confidence: 'probability',
  note: 'description',
  note_html: 'description',
  date_won: 'expectedClose',
  user_id: 'ownerId',
  // Task writes.
  text: 'title',
  date: 'due',
  due_date: 'due',
  is_complete: 'done',
};

/** `custom.cf_x`, `custom.cf_x.add` and a bare `cf_x` all name the field whose FieldDef.key is `custom.cf_x`. */
export function modelFieldKey(closeKey: string): string {
  const custom = /^(?:custom\.)?(cf_[A-Za-z0-9]+)(?:\.(?:add|remove))?$/.exec(closeKey);
  if (custom) return `custom.${custom[1]}`;
  return MODEL_KEY[closeKey] ?? closeKey;
}

function messageOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (Array.isArray(value)) {
    const parts = value.map(messageOf).filter((s): s is string => Boolean(s));
    return parts.length ? parts.join('; ') : undefined;
  }
  if (isObject(value)) {
    const inner = messageOf(value['message']);
    if (inner) return inner;
    const nested = Object.entries(value).map(([k, v]) => (messageOf(v) ? `${k}: ${messageOf(v)}` : undefined)).filter(Boolean);
    return nested.length ? nested.join('; ') : undefined;
  }
  return value === null || value === undefined ? undefined : String(value);
}

/**
 * Close's 400: `{"errors": [...], "field-errors": {"<key>": "<message>"}}` (hyphen). Other error
 * bodies are not documented: `error` as text or `{message}` is read when present [UNCONFIRMED].
 */
export function closeErrorDetail(_status: number, body: unknown): ErrorDetail | undefined {
  if (!isObject(body)) return undefined;
  const fieldErrors: FieldError[] = [];
  for (const name of ['field-errors', 'field_errors']) {
    const map = body[name];
    if (!isObject(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      const message = messageOf(value);
      if (message) fieldErrors.push({ field: modelFieldKey(key), message });
    }
  }
  const errors = messageOf(body['errors']);
  const error = body['error'];
  const fromError = isObject(error) ? messageOf(error['message']) : messageOf(error);
  const detail = errors ?? fromError ?? messageOf(body['message']);
  if (!detail && !fieldErrors.length) return undefined;
  return { detail, fieldErrors: fieldErrors.length ? fieldErrors : undefined };
}
