import type { ErrorInfo } from '../../src/protocol';
import type { FieldSlot } from './field-slot';

const normalise = (name: string) => name.trim().toLowerCase().replace(/^custom[._]/, '');

/** The names a CRM may use for this field in its field errors: its key, `custom.<key>`, its label. */
function namesOf(slot: Pick<FieldSlot, 'ref' | 'def'>): Set<string> {
  const key = slot.ref.kind === 'standard' ? slot.ref.name : slot.ref.key;
  return new Set([key, slot.def.key, slot.def.label].map(normalise));
}

/**
 * What to show beside a field whose edit failed, in the CRM's own words where it gave any: its
 * error for this very field, else its detail, else our whole sentence.
 */
export function fieldErrorText(error: ErrorInfo, slot: Pick<FieldSlot, 'ref' | 'def'>): string {
  const names = namesOf(slot);
  const own = error.fieldErrors?.find((fe) => names.has(normalise(fe.field)));
  if (!own) return error.detail ?? error.message;
  // CRMs often word field errors as the end of a sentence ("must not be empty"): give it its subject.
  return /^\p{Ll}/u.test(own.message) ? `${slot.def.label} ${own.message}` : own.message;
}

/** A task operation's error: the CRM's words for the task, else the whole sentence. */
export function taskErrorText(error: ErrorInfo): string {
  const fieldMessages = error.fieldErrors?.map((fe) => (fe.field ? `${fe.field}: ${fe.message}` : fe.message));
  return error.detail ?? (fieldMessages?.length ? fieldMessages.join('; ') : error.message);
}
