import { type FieldDef, type FieldKind, type FieldValue, rescale } from '../../model';
import { centsToMoney, idOf } from './map';
import type { AcFieldDatum, AcFieldMeta } from './schemas';
import { fromAcDateTime, isIsoDay, toAcDateTime } from './dates';

/** A deal custom field: the model's definition plus what AC needs to read and write it. */
export interface AcField {
  def: FieldDef;
  /** AC's `fieldType`, e.g. `dropdown`. */
  acType: string;
  /** Lower-case currency of a `currency` field, when AC gives one. */
  defaultCurrency?: string;
}

const KINDS: Record<string, FieldKind> = {
  text: 'text',
  hidden: 'text',
  textarea: 'textarea',
  number: 'number',
  currency: 'money',
  date: 'date',
  datetime: 'datetime',
  dropdown: 'select',
  radio: 'select',
  multiselect: 'multiselect',
  checkbox: 'multiselect',
};

function flag(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

export function toAcField(meta: AcFieldMeta): AcField {
  const acType = meta.fieldType.trim().toLowerCase();
  const kind = KINDS[acType] ?? 'unknown';
  const options = meta.fieldOptions?.map((o) => ({ value: String(o), label: String(o) }));
  const def: FieldDef = {
    key: String(meta.id),
    label: meta.fieldLabel,
    kind,
    options: kind === 'select' || kind === 'multiselect' ? (options ?? []) : undefined,
    required: flag(meta.isRequired),
    writable: kind !== 'unknown',
    reason: kind === 'unknown' ? `CRM Pipelines cannot edit ActiveCampaign "${meta.fieldType}" fields yet.` : undefined,
    description: acType === 'hidden' ? 'A hidden field: kept on the deal, not shown on forms.' : undefined,
  };
  const currency = meta.fieldDefaultCurrency?.trim().toLowerCase();
  return { def, acType, defaultCurrency: currency && /^[a-z]{3}$/.test(currency) ? currency : undefined };
}

/** The field id a value record belongs to (AC sends it twice, under two names). */
export function fieldIdOf(datum: AcFieldDatum): string | undefined {
  return idOf(datum.customFieldId) ?? idOf(datum.dealCustomFieldMetumId);
}

/** Multiselect/checkbox values: an array, a `||a||b||` string, or a single plain value (the GET form is unconfirmed). */
export function parseMulti(raw: unknown): string[] {
  if (Array.isArray(raw)) return raw.map(String).filter((s) => s !== '');
  if (typeof raw !== 'string' && typeof raw !== 'number') return [];
  const text = String(raw);
  if (text.includes('||')) return text.split('||').filter((s) => s !== '');
  return text === '' ? [] : [text];
}

function scalarText(raw: unknown): string | undefined {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'boolean') return String(raw);
  if (Array.isArray(raw)) return raw.map(String).join(', ');
  return undefined;
}

/** A stored value as the model's FieldValue; undefined when empty or not readable as the field's kind (it stays in raw). */
export function readFieldValue(field: AcField, datum: AcFieldDatum, dealCurrency?: string): FieldValue | undefined {
  const raw = datum.fieldValue;
  if (raw === null || raw === undefined || raw === '') return undefined;
  const kind = field.def.kind;
  const text = scalarText(raw);
  switch (kind) {
    case 'text':
    case 'textarea':
      return text === undefined ? undefined : { kind, value: text };
    case 'number': {
      const trimmed = text?.trim();
      return trimmed && /^-?\d+(\.\d+)?$/.test(trimmed) ? { kind, value: trimmed } : undefined;
    }
    case 'date': {
      const day = text?.trim().slice(0, 10);
      return day && isIsoDay(day) ? { kind, value: day } : undefined;
    }
    case 'datetime': {
      const instant = text ? fromAcDateTime(text) : undefined;
      return instant ? { kind, value: instant } : undefined;
    }
    case 'select': {
      const [first] = parseMulti(raw);
      return first === undefined ? undefined : { kind, value: first };
    }
    case 'multiselect': {
      const values = parseMulti(raw);
      return values.length ? { kind, value: values } : undefined;
    }
    case 'money': {
      const currency = datum.fieldCurrency || field.defaultCurrency || dealCurrency;
      const money = centsToMoney(typeof raw === 'number' || typeof raw === 'string' ? raw : undefined, currency);
      return money ? { kind, value: money } : undefined;
    }
    default:
      return { kind: 'unknown', value: raw };
  }
}

/** The body AC stores for a value: `fieldValue` (+ `fieldCurrency` for money), or a problem in words. */
export type WriteValue = { ok: true; fieldValue: string | number | string[]; fieldCurrency?: string } | { ok: false; message: string };

function optionProblem(field: AcField, values: string[]): string | undefined {
  const allowed = field.def.options?.map((o) => o.value);
  if (!allowed?.length) return undefined;
  const unknown = values.filter((v) => !allowed.includes(v));
  return unknown.length ? `is not one of the field's options: ${unknown.join(', ')}` : undefined;
}

export function toWriteValue(field: AcField, value: FieldValue): WriteValue {
  const { def } = field;
  if (!def.writable) return { ok: false, message: def.reason ?? 'is read-only' };
  if (value.kind !== def.kind) return { ok: false, message: `expects a ${def.kind} value, not ${value.kind}` };
  switch (value.kind) {
    case 'text':
    case 'textarea':
      return { ok: true, fieldValue: value.value };
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(value.value) ? { ok: true, fieldValue: value.value } : { ok: false, message: 'must be a number' };
    case 'date':
      return isIsoDay(value.value) ? { ok: true, fieldValue: value.value } : { ok: false, message: 'must be a real date as YYYY-MM-DD' };
    case 'datetime': {
      const text = toAcDateTime(value.value);
      return text ? { ok: true, fieldValue: text } : { ok: false, message: 'must be a date and time' };
    }
    case 'select': {
      const problem = optionProblem(field, [value.value]);
      return problem ? { ok: false, message: problem } : { ok: true, fieldValue: value.value };
    }
    case 'multiselect': {
      const problem = optionProblem(field, value.value);
      return problem ? { ok: false, message: problem } : { ok: true, fieldValue: [...value.value] };
    }
    case 'money': {
      if (value.value.scale > 2) return { ok: false, message: 'can have at most 2 decimal places (ActiveCampaign stores cents)' };
      const cents = Number(rescale(value.value, 2).minor);
      if (!Number.isSafeInteger(cents)) return { ok: false, message: 'is too large' };
      return { ok: true, fieldValue: cents, fieldCurrency: value.value.currency.toLowerCase() };
    }
    default:
      return { ok: false, message: 'cannot be written' };
  }
}

function decimalKey(text: string): string {
  const [whole = '', fraction = ''] = text.replace(/^(-?)0+(?=\d)/, '$1').split('.');
  const trimmed = fraction.replace(/0+$/, '');
  return trimmed ? `${whole}.${trimmed}` : whole;
}

/** Whether what AC stored is what was written (AC ignores a body it does not understand and still answers 200). */
export function sameFieldValue(written: FieldValue | null, stored: FieldValue | undefined): boolean {
  if (written === null) return stored === undefined;
  if (!stored || stored.kind !== written.kind) return false;
  switch (written.kind) {
    case 'number':
    case 'percent':
      return decimalKey(written.value) === decimalKey(String(stored.value));
    case 'datetime':
      return Date.parse(written.value) === Date.parse(String(stored.value));
    case 'multiselect':
      return [...written.value].sort().join('\u0000') === [...(stored.value as string[])].sort().join('\u0000');
    case 'money': {
      const other = stored.value as typeof written.value;
      return other.currency === written.value.currency && rescale(other, 2).minor === rescale(written.value, 2).minor;
    }
    default:
      return JSON.stringify(stored.value) === JSON.stringify(written.value);
  }
}
