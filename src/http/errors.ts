export type CrmErrorKind =
  | 'auth'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'validation'
  | 'rateLimited'
  | 'network'
  | 'timeout'
  | 'server'
  | 'badResponse'
  | 'cancelled';

export interface FieldError {
  field: string;
  message: string;
}

export interface CrmErrorInit {
  kind: CrmErrorKind;
  account: string;
  provider: string;
  operation: string;
  status?: number;
  detail?: string;
  fieldErrors?: FieldError[];
  retryAfterMs?: number;
  issuePath?: string;
  host?: string;
  /** Replaces the kind's usual phrase when the client knows better (e.g. "lost the connection to …"). */
  summary?: string;
}

const MAX_DETAIL_CHARS = 300;
const MAX_FIELD_ERRORS_IN_MESSAGE = 3;

/**
 * The one error type the HTTP layer throws. Every field is already free of secrets:
 * the client redacts before constructing it, so the UI can show any of them.
 */
export class CrmError extends Error {
  readonly kind: CrmErrorKind;
  readonly status?: number;
  readonly account: string;
  readonly provider: string;
  readonly operation: string;
  readonly detail?: string;
  readonly fieldErrors?: FieldError[];
  readonly retryAfterMs?: number;
  readonly issuePath?: string;
  readonly host?: string;
  private readonly init: CrmErrorInit;

  constructor(init: CrmErrorInit) {
    const detail = init.detail?.trim() ? clip(init.detail) : undefined;
    super(composeMessage({ ...init, detail }));
    this.name = 'CrmError';
    this.kind = init.kind;
    this.status = init.status;
    this.account = init.account;
    this.provider = init.provider;
    this.operation = init.operation;
    this.detail = detail;
    this.fieldErrors = init.fieldErrors?.length ? init.fieldErrors : undefined;
    this.retryAfterMs = init.retryAfterMs;
    this.issuePath = init.issuePath;
    this.host = init.host;
    this.init = init;
  }

  /** The same failure, now saying how long to wait before trying again. */
  withRetryAfter(retryAfterMs: number): CrmError {
    return retryAfterMs === this.retryAfterMs ? this : new CrmError({ ...this.init, retryAfterMs });
  }

  /** True when trying again later may succeed without the user changing anything. */
  get isTransient(): boolean {
    return ['rateLimited', 'network', 'timeout', 'server'].includes(this.kind);
  }
}

export function isCrmError(error: unknown): error is CrmError {
  return error instanceof CrmError;
}

export function classifyStatus(status: number): CrmErrorKind {
  if (status === 401) return 'auth';
  // 402: Close's plan limit and Twenty's spent quota; the key works but may not do this.
  if (status === 402 || status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'notFound';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rateLimited';
  if (status >= 500 && status <= 599) return 'server';
  // Other 4xx (400, 405, 415, 422, …): the CRM refused this request as sent.
  if (status >= 400 && status <= 499) return 'validation';
  return 'badResponse';
}

/** Renders a duration for people: "800 ms", "12 s", "3 min". */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 120_000) return `${Math.ceil(ms / 1000)} s`;
  return `${Math.ceil(ms / 60_000)} min`;
}

function defaultSummary(init: CrmErrorInit): string {
  switch (init.kind) {
    case 'auth':
      return 'API key rejected';
    case 'forbidden':
      return init.status === 402 ? 'plan or usage limit reached' : 'the API key is not allowed to do this';
    case 'notFound':
      return 'not found';
    case 'conflict':
      return 'the record changed on the server';
    case 'validation':
      return 'request rejected';
    case 'rateLimited':
      return init.retryAfterMs === undefined
        ? 'rate limited'
        : `rate limited, try again in ${formatWait(init.retryAfterMs)}`;
    case 'network':
      return `can't reach ${init.host ?? 'the server'}`;
    case 'timeout':
      return `${init.host ?? 'the server'} did not answer in time`;
    case 'server':
      return 'server error';
    case 'badResponse':
      return init.issuePath ? `unexpected response at ${init.issuePath}` : 'unexpected response';
    case 'cancelled':
      return 'request cancelled';
  }
}

function composeMessage(init: CrmErrorInit): string {
  const where = init.status === undefined ? init.operation : `${init.operation}, HTTP ${init.status}`;
  let text = `${init.provider} account "${init.account}": ${init.summary ?? defaultSummary(init)} (${where})`;
  const explanation = [init.detail, describeFieldErrors(init.fieldErrors)].filter(Boolean).join(' ');
  if (explanation) text += `: ${explanation}`;
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function describeFieldErrors(fieldErrors: FieldError[] | undefined): string | undefined {
  if (!fieldErrors?.length) return undefined;
  const shown = fieldErrors
    .slice(0, MAX_FIELD_ERRORS_IN_MESSAGE)
    .map((e) => (e.field ? `${e.field}: ${e.message}` : e.message));
  const more = fieldErrors.length - shown.length;
  return `(${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''})`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_DETAIL_CHARS ? flat : `${flat.slice(0, MAX_DETAIL_CHARS - 1)}…`;
}
