import { CrmError, type CrmErrorKind, type ErrorDetail, type FieldError, type RateLimitHintInput } from '../../http';

export const PROVIDER_NAME = 'Twenty';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function texts(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (!Array.isArray(value)) return undefined;
  const parts = value.map(text).filter((s): s is string => Boolean(s));
  return parts.length ? parts.join('; ') : undefined;
}

/**
 * Twenty's error bodies: `{statusCode, error, messages: [...]}` from the REST filter, and
 * `{statusCode, message, error: "Bad Request"}` (singular, text or list) from Nest's own
 * exceptions (bad JSON, the metadata routes). The exception name alone is used when nothing else is said.
 */
export function twentyErrorDetail(_status: number, body: unknown): ErrorDetail | undefined {
  if (typeof body === 'string') {
    const trimmed = body.trim();
    return trimmed && !trimmed.startsWith('<') ? { detail: trimmed.slice(0, 200) } : undefined;
  }
  if (!isObject(body)) return undefined;
  const detail = texts(body['messages']) ?? texts(body['message']) ?? text(body['error']);
  return detail ? { detail } : undefined;
}

/** The newest 429 body carries `retryAfterSeconds` beside the `Retry-After` header; the longer wins. */
export function twentyRateLimitHint(res: RateLimitHintInput): number | undefined {
  if (!isObject(res.body)) return undefined;
  const seconds = res.body['retryAfterSeconds'];
  const value = typeof seconds === 'number' ? seconds : typeof seconds === 'string' ? Number(seconds) : Number.NaN;
  return Number.isFinite(value) && value >= 0 ? Math.ceil(value * 1000) : undefined;
}

/** Rebuilds a CrmError with another kind or other field errors; everything else (already redacted) is kept. */
export function rebuild(error: CrmError, changes: { kind?: CrmErrorKind; fieldErrors?: FieldError[]; summary?: string }): CrmError {
  return new CrmError({
    kind: changes.kind ?? error.kind,
    account: error.account,
    provider: error.provider,
    operation: error.operation,
    status: error.status,
    detail: error.detail,
    fieldErrors: changes.fieldErrors ?? error.fieldErrors,
    retryAfterMs: error.retryAfterMs,
    issuePath: error.issuePath,
    host: error.host,
    summary: changes.summary,
  });
}

const AUTH_MESSAGES = /missing authentication token|unknown token error|token invalid|invalid token|no payload|token has expired|token expired/i;
const NOT_FOUND_MESSAGES = /^record not found|could not find any entity|entitynotfound|unable to find \w+ with id/i;

/**
 * Twenty answers some failures with a status that says less than its words (DIFFERENCES.md 1, 5, 6):
 * a missing record is 400 "Record not found" or `EntityNotFoundError` on mid-2025 servers (404 later);
 * a refused token can be 400 "Unknown token error." or 403 "Missing authentication token"; the
 * metadata throttle answers 400 "Too many requests.". Those are reclassified once, here.
 */
export function reclassify(error: unknown): unknown {
  if (!(error instanceof CrmError) || error.status === undefined) return error;
  const detail = error.detail ?? '';
  if ((error.status === 400 || error.status === 403) && AUTH_MESSAGES.test(detail)) return rebuild(error, { kind: 'auth' });
  if (error.status !== 400) return error;
  if (NOT_FOUND_MESSAGES.test(detail)) return rebuild(error, { kind: 'notFound' });
  if (/too many requests/i.test(detail)) return rebuild(error, { kind: 'rateLimited' });
  return error;
}

/** Relation join columns whose foreign-key violation means "that record does not exist". */
const RELATION_KEYS = new Set(['companyId', 'pointOfContactId', 'ownerId', 'assigneeId', 'taskId', 'opportunityId', 'targetOpportunityId']);

/** The Twenty key a 400's words name, and a plain sentence for it; undefined when it names none. */
function fieldOf(message: string, sentKeys: readonly string[]): { key: string; message: string } | undefined {
  // `invalid input value for enum workspace_x."opportunity_contractType_enum": "WEEKLY"`
  const enumValue = /_enum"?:\s*"([^"]*)"/.exec(message)?.[1];
  const enumField = /\.?"?[a-z][A-Za-z0-9]*_([A-Za-z0-9]+)_enum"?/.exec(message)?.[1];
  if (enumField) return { key: enumField, message: `"${enumValue ?? ''}" is not one of its options` };
  const notNull = /null value in column "([^"]+)"/.exec(message)?.[1];
  if (notNull) return { key: notNull, message: 'must not be empty' };
  // `Field metadata for field "foo" is missing…`, `Object opportunity doesn't have any "foo" field.`
  const unknown = /field "([^"]+)" is missing|have any "([^"]+)" field/.exec(message);
  if (unknown) return { key: unknown[1] ?? unknown[2]!, message: 'is not a field Twenty knows on this object' };
  if (/violates foreign key constraint/i.test(message)) {
    const relation = sentKeys.filter((k) => RELATION_KEYS.has(k));
    if (relation.length === 1) return { key: relation[0]!, message: 'points to a record that does not exist' };
  }
  if (sentKeys.length === 1) return { key: sentKeys[0]!, message };
  return undefined;
}

/**
 * A 400 on a write, with the field named where Twenty's words name it (enum, not-null, unknown
 * field, foreign key), or the only key sent. `sent` maps each Twenty key sent to the model key the
 * panel shows errors beside (`stage` → `stageId`, a custom field → its FieldDef key).
 */
export function toFieldErrors(error: unknown, sent: Readonly<Record<string, string>>): unknown {
  if (!(error instanceof CrmError) || error.kind !== 'validation' || error.fieldErrors?.length) return error;
  const found = fieldOf(error.detail ?? '', Object.keys(sent));
  if (!found) return error;
  return rebuild(error, { fieldErrors: [{ field: sent[found.key] ?? found.key, message: found.message }] });
}

/** An error found before sending anything, shaped like the client's own. */
export function localError(
  kind: CrmErrorKind,
  account: string,
  operation: string,
  init: { fieldErrors?: FieldError[]; summary?: string; detail?: string; issuePath?: string } = {},
): CrmError {
  return new CrmError({ kind, account, provider: PROVIDER_NAME, operation, ...init });
}
