import { CrmError, type FieldError } from '../../http';
import { CLOSE_PROVIDER_NAME } from './http-options';

/** A change refused before anything is sent: nothing reached Close, nothing changed. */
export function closeValidationError(account: string, operation: string, fieldErrors: FieldError[]): CrmError {
  return new CrmError({
    kind: 'validation',
    account,
    provider: CLOSE_PROVIDER_NAME,
    operation,
    summary: 'the change was not sent',
    fieldErrors,
  });
}

export function closeNotFoundError(account: string, operation: string, detail: string): CrmError {
  return new CrmError({ kind: 'notFound', account, provider: CLOSE_PROVIDER_NAME, operation, detail });
}

/** Collects field errors while a patch is translated, so every problem is reported at once. */
export class FieldProblems {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  get any(): boolean {
    return this.list.length > 0;
  }
}
