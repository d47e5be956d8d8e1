import { CrmError, type CrmErrorKind, defaultErrorDetail, type ErrorDetail, type FieldError } from '../../http';

export const PROVIDER_NAME = 'Hindsight';

/** Why nothing can be changed: said on every refused write and on every read-only field. */
export const READ_ONLY_REASON = "Hindsight's API is read-only";

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Hindsight's error bodies: `{"message": "Invalid filter format: …"}` as the seed documents for
 * 400/401/403/429/500. A third-party client assumes `{"error": {"code", "message", "details"}}`
 * (unconfirmed), so that is read too, with `details` as extra words when it is text.
 */
export function hindsightErrorDetail(_status: number, body: unknown): ErrorDetail | undefined {
  if (!isObject(body)) return defaultErrorDetail(body);
  const message = text(body['message']);
  if (message) return { detail: message };
  const error = body['error'];
  if (isObject(error)) {
    const inner = text(error['message']) ?? text(error['code']);
    const details = text(error['details']);
    if (inner) return { detail: details && details !== inner ? `${inner} (${details})` : inner };
  }
  return defaultErrorDetail(body);
}

/** An error found before sending anything, shaped like the HTTP client's own. */
export function localError(
  kind: CrmErrorKind,
  account: string,
  operation: string,
  init: { fieldErrors?: FieldError[]; summary?: string; detail?: string } = {},
): CrmError {
  return new CrmError({ kind, account, provider: PROVIDER_NAME, operation, ...init });
}

/** The refusal of every write: nothing is sent, the user is told where a change can be made. */
export function readOnlyError(account: string, operation: string): CrmError {
  return localError('forbidden', account, operation, {
    summary: `${READ_ONLY_REASON}, so CRM Pipelines cannot change deals or tasks; make the change in Hindsight or in the CRM it syncs from`,
  });
}
