import { CrmError, type CrmErrorKind, defaultErrorDetail, type ErrorDetail, type FieldError } from '../../http';

export const PROVIDER_NAME = 'ActiveCampaign';

/** AC's deal attribute → the DealPatch key the panel shows the error beside. */
const DEAL_FIELD_KEYS: Record<string, string> = {
  title: 'name',
  value: 'amount',
  currency: 'amount',
  stage: 'stageId',
  group: 'stageId',
  owner: 'ownerId',
  status: 'outcome',
  percent: 'probability',
  description: 'description',
};

/** AC's task attribute → the TaskInput/TaskPatch key. Applied after DEAL_FIELD_KEYS by task calls. */
const TASK_FIELD_KEYS: Record<string, string> = { name: 'title', outcome: 'done', duedate: 'due', note: 'body' };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Reads AC's error bodies: JSON:API-like `errors[]` (422, and 404 as documented), `{message}`
 * (404 as really observed, 403), and a JSON text sent as text/plain (bulk 422s). A
 * `source.pointer` names the field; it is mapped to the model key the panel uses.
 */
export function acErrorDetail(_status: number, body: unknown): ErrorDetail | undefined {
  let value = body;
  if (typeof value === 'string' && /^\s*[[{]/.test(value)) {
    try {
      value = JSON.parse(value);
    } catch {
      return defaultErrorDetail(body);
    }
  }
  if (!isObject(value)) return defaultErrorDetail(value);
  const messages: string[] = [];
  const fieldErrors: FieldError[] = [];
  const errors = value['errors'];
  if (Array.isArray(errors)) {
    for (const item of errors) {
      if (typeof item === 'string' && item.trim()) messages.push(item.trim());
      if (!isObject(item)) continue;
      const message = text(item['detail']) ?? text(item['title']) ?? text(item['message']);
      if (!message) continue;
      const source = item['source'];
      const pointer = isObject(source) ? text(source['pointer']) : undefined;
      const attribute = pointer?.split('/').filter(Boolean).pop();
      if (attribute) fieldErrors.push({ field: DEAL_FIELD_KEYS[attribute] ?? attribute, message });
      else messages.push(message);
    }
  }
  const message = text(value['message']);
  if (message) messages.unshift(message);
  if (!messages.length && !fieldErrors.length) return defaultErrorDetail(value);
  return {
    detail: messages.length ? messages.join('; ') : undefined,
    fieldErrors: fieldErrors.length ? fieldErrors : undefined,
  };
}

/** Rebuilds a CrmError with other field errors; everything else (already redacted) is kept. */
function withFieldErrors(error: CrmError, fieldErrors: FieldError[] | undefined, detail = error.detail): CrmError {
  return new CrmError({
    kind: error.kind,
    account: error.account,
    provider: error.provider,
    operation: error.operation,
    status: error.status,
    detail,
    fieldErrors,
    retryAfterMs: error.retryAfterMs,
    issuePath: error.issuePath,
    host: error.host,
  });
}

/**
 * A custom field value is written alone, and AC's 422 for it names no field (`"The custom field
 * value `abc` could not be saved…"`), so the field is known only here: name it by its FieldDef key.
 */
export function attributeToField(error: unknown, fieldKey: string): unknown {
  if (!(error instanceof CrmError) || error.kind !== 'validation') return error;
  const listed = error.fieldErrors?.map((e) => e.message).join('; ');
  const message = listed || error.detail || 'was not accepted';
  return withFieldErrors(error, [{ field: fieldKey, message }], listed ? error.detail : undefined);
}

/** Task calls: AC's `title`, `duedate`, `note` become the task keys the panel uses. */
export function toTaskFieldErrors(error: unknown): unknown {
  if (!(error instanceof CrmError) || !error.fieldErrors) return error;
  return withFieldErrors(
    error,
    error.fieldErrors.map((e) => ({ ...e, field: TASK_FIELD_KEYS[e.field] ?? e.field })),
  );
}

/** An error found before sending anything (a value AC cannot store), shaped like the client's own. */
export function localError(
  kind: CrmErrorKind,
  account: string,
  operation: string,
  init: { fieldErrors?: FieldError[]; summary?: string; detail?: string; issuePath?: string },
): CrmError {
  return new CrmError({ kind, account, provider: PROVIDER_NAME, operation, ...init });
}
