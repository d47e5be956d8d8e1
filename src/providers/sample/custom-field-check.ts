import { type FieldDef, type FieldValue, FieldValueSchema, type PersonRef, rescale } from '../../model';
import { isValidIsoDay } from './data/dates';

/** The stored form of a valid value, or why it is refused (in words for the field's error line). */
export type CheckedValue = { ok: true; value: FieldValue } | { ok: false; message: string };

const MAX_TEXT = 255;
const MAX_TEXTAREA = 10_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[\d\s().-]+$/;

const ok = (value: FieldValue): CheckedValue => ({ ok: true, value });
const refuse = (message: string): CheckedValue => ({ ok: false, message });

function checkUrl(text: string): CheckedValue {
  try {
    const url = new URL(text);
    if (url.protocol === 'http:' || url.protocol === 'https:') return ok({ kind: 'url', value: url.toString() });
  } catch {
    // Falls through to the refusal below.
  }
  return refuse('must be a web address starting with http:// or https://');
}

/** Checks what only this field's definition knows: options, users, ranges, formats. */
function checkByKind(def: FieldDef, value: FieldValue, users: readonly PersonRef[]): CheckedValue {
  switch (value.kind) {
    case 'text':
      return value.value.length > MAX_TEXT ? refuse(`must be at most ${MAX_TEXT} characters`) : ok(value);
    case 'textarea':
      return value.value.length > MAX_TEXTAREA ? refuse(`must be at most ${MAX_TEXTAREA} characters`) : ok(value);
    case 'percent': {
      const percent = Number(value.value);
      return percent < 0 || percent > 100 ? refuse('must be between 0 and 100') : ok(value);
    }
    case 'money': {
      if (value.value.minor.startsWith('-')) return refuse('must not be negative');
      if (value.value.scale > 2) return refuse('can have at most 2 decimal places');
      return ok({ kind: 'money', value: rescale(value.value, 2) });
    }
    case 'date':
      return isValidIsoDay(value.value) ? ok(value) : refuse('must be a real date as YYYY-MM-DD');
    case 'datetime':
      return ok({ kind: 'datetime', value: new Date(value.value).toISOString() });
    case 'select': {
      const known = def.options?.some((o) => o.value === value.value);
      return known ? ok(value) : refuse(`"${value.value}" is not one of the options`);
    }
    case 'multiselect': {
      const unknown = value.value.filter((v) => !def.options?.some((o) => o.value === v));
      if (unknown.length) return refuse(`${unknown.map((v) => `"${v}"`).join(', ')} not among the options`);
      return ok({ kind: 'multiselect', value: [...new Set(value.value)] });
    }
    case 'user': {
      const user = users.find((u) => u.id === value.value.id);
      return user ? ok({ kind: 'user', value: { ...user } }) : refuse(`no user with id "${value.value.id}"`);
    }
    case 'url':
      return checkUrl(value.value.trim());
    case 'email':
      return EMAIL.test(value.value.trim()) ? ok({ kind: 'email', value: value.value.trim() }) : refuse('must be an email address');
    case 'phone': {
      const digits = value.value.replace(/\D/g, '').length;
      return PHONE.test(value.value) && digits >= 5 && digits <= 20 ? ok(value) : refuse('must be a phone number');
    }
    default:
      return ok(value);
  }
}

/** Validates one custom value against its definition; null (clear) is checked by the caller. */
export function checkCustomValue(def: FieldDef, input: unknown, users: readonly PersonRef[]): CheckedValue {
  const parsed = FieldValueSchema.safeParse(input);
  if (!parsed.success) return refuse(`is not a valid ${def.kind} value`);
  if (parsed.data.kind !== def.kind) return refuse(`expects a ${def.kind} value, not ${parsed.data.kind}`);
  return checkByKind(def, parsed.data, users);
}
