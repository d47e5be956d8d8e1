import { CrmError, type CrmErrorInit, type CrmErrorKind, type FieldError } from '../../http/errors';

export const SAMPLE_DISPLAY_NAME = 'Sample CRM';

/** Who an error is about: the account's label, shown in every message. */
export interface ErrorScope {
  account: string;
}

/** The HTTP status a real CRM would send for each kind, so simulated failures look like real ones. */
const TYPICAL_STATUS: Partial<Record<CrmErrorKind, number>> = {
  auth: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  validation: 422,
  rateLimited: 429,
  server: 500,
};

export function sampleError(
  scope: ErrorScope,
  kind: CrmErrorKind,
  operation: string,
  extra: Omit<CrmErrorInit, 'kind' | 'account' | 'provider' | 'operation'> = {},
): CrmError {
  return new CrmError({ kind, account: scope.account, provider: SAMPLE_DISPLAY_NAME, operation, ...extra });
}

export function validationError(scope: ErrorScope, operation: string, fieldErrors: FieldError[]): CrmError {
  return sampleError(scope, 'validation', operation, { fieldErrors, summary: 'the change was not saved' });
}

export function notFoundError(scope: ErrorScope, operation: string, what: string): CrmError {
  return sampleError(scope, 'notFound', operation, { detail: `${what} does not exist in the sample data` });
}

/** A failure requested through `failNextWrite`, shaped like the real thing (status, retry hint). */
export function simulatedError(scope: ErrorScope, kind: CrmErrorKind, operation: string, message?: string): CrmError {
  return sampleError(scope, kind, operation, {
    status: TYPICAL_STATUS[kind],
    detail: message ?? 'simulated failure requested by a test',
    retryAfterMs: kind === 'rateLimited' ? 1000 : undefined,
  });
}
