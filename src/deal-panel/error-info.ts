import { isCrmError } from '../http/errors';
import { KeyNeededError } from '../accounts/account-session';
import type { ErrorInfo } from '../protocol';

/** What the panel shows of a failure: the sentence, the CRM's own words, and the field errors. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (isCrmError(error)) {
    return {
      kind: error.kind,
      message: error.message,
      detail: error.detail,
      fieldErrors: error.fieldErrors,
      retryable: error.isTransient || error.kind === 'cancelled',
    };
  }
  if (error instanceof KeyNeededError) {
    return { kind: 'auth', message: `${error.message} Use "CRM: Set API Key…" and try again.`, retryable: true };
  }
  return { kind: 'unexpected', message: error instanceof Error ? error.message : String(error), retryable: true };
}

/** A refusal decided before calling the CRM (a capability it lacks, a read-only field). */
export function refusal(message: string): ErrorInfo {
  return { kind: 'forbidden', message, retryable: false };
}
