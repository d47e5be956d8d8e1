import { CrmError, type CrmErrorKind, defaultErrorDetail, type ErrorDetail, type FieldError } from '../../http';

export const PROVIDER_NAME = 'Spott';

export const TASKS_READ_ONLY = "Spott's API does not document changing tasks";
export const ATTRIBUTES_READ_ONLY = "Spott's API does not document writing custom attributes";

/**
 * Spott's body keys (PATCH /opportunities/{id}, POST /tasks/_raw) → the DealPatch / TaskInput key
 * the panel shows the error beside.
 */
const FIELD_KEYS: Record<string, string> = {
  name: 'name',
  description: 'description',
  stageId: 'stageId',
  stage: 'stageId',
  ownerId: 'ownerId',
  owner: 'ownerId',
  closeDate: 'expectedClose',
  'closeDate.target': 'expectedClose',
  companyId: 'company',
  content: 'title',
  dueDate: 'due',
};

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** `"stageId: Invalid stage"` or `"stageId must be a string"` → a field error when the key is one we send. */
function asFieldError(message: string): FieldError | undefined {
  const colon = /^([A-Za-z][\w.]*)\s*:\s*(.+)$/s.exec(message);
  if (colon && FIELD_KEYS[colon[1]!]) return { field: FIELD_KEYS[colon[1]!]!, message: colon[2]!.trim() };
  const leading = /^([A-Za-z][\w.]*)\s+(.+)$/s.exec(message);
  if (leading && FIELD_KEYS[leading[1]!]) return { field: FIELD_KEYS[leading[1]!]!, message: message.trim() };
  return undefined;
}

/**
 * Spott's one documented error body, `{status, message, requestId}` (notes §2.7); `message` may
 * name the key it is about (`"stageId: Invalid stage for this pipeline"`), which becomes a field
 * error. A list of messages (as validation frameworks send) is read the same way. The request id
 * is kept in the detail, for Spott's support.
 */
export function spottErrorDetail(_status: number, body: unknown): ErrorDetail | undefined {
  if (!isObject(body)) return defaultErrorDetail(body);
  const raw = body['message'];
  const messages = (Array.isArray(raw) ? raw : [raw]).map(text).filter((m): m is string => m !== undefined);
  if (!messages.length) return defaultErrorDetail(body);
  const fieldErrors: FieldError[] = [];
  const rest: string[] = [];
  for (const message of messages.flatMap((m) => m.split(/;\s+/))) {
    const field = asFieldError(message);
    if (field) fieldErrors.push(field);
    else rest.push(message);
  }
  const requestId = text(body['requestId']);
  const detail = [rest.join('; '), requestId ? `(Spott request ${requestId})` : ''].filter(Boolean).join(' ');
  return { detail: detail || undefined, fieldErrors: fieldErrors.length ? fieldErrors : undefined };
}

/** An error found before sending anything, shaped like the HTTP client's own. */
export function localError(
  kind: CrmErrorKind,
  account: string,
  operation: string,
  init: { fieldErrors?: FieldError[]; summary?: string; detail?: string; issuePath?: string },
): CrmError {
  return new CrmError({ kind, account, provider: PROVIDER_NAME, operation, ...init });
}
