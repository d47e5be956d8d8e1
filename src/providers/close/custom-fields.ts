import type { FieldDef, FieldKind, FieldValue, PersonRef } from '../../model';
import type { CloseCustomField } from './schemas';

/** Close writes and returns custom values as flat top-level keys `custom.cf_…`. */
export const CUSTOM_KEY = /^custom\.(cf_[A-Za-z0-9]+)$/;

export function customKey(fieldId: string): string {
  return `custom.${fieldId}`;
}

/** A Close field definition as the mapper needs it. */
export interface CloseFieldInfo {
  def: FieldDef;
  closeType: string;
  multiple: boolean;
}

/** Names the mapper can put on ids: users from `/user/`, contacts looked up by getDeal. */
export interface NameLookup {
  user(id: string): string | undefined;
  contact(id: string): string | undefined;
}

const KIND_BY_TYPE: Record<string, FieldKind> = {
  text: 'text',
  textarea: 'textarea',
  number: 'number',
  date: 'date',
  datetime: 'datetime',
  user: 'user',
  contact: 'reference',
};

function kindOf(field: CloseCustomField): FieldKind {
  if (field.type === 'choices') return field.accepts_multiple_values ? 'multiselect' : 'select';
  // `user` and `contact` fields that accept several values have no editor kind: shown read-only.
  if ((field.type === 'user' || field.type === 'contact') && field.accepts_multiple_values) return 'unknown';
  return KIND_BY_TYPE[field.type] ?? 'unknown';
}

function readOnlyReason(field: CloseCustomField, kind: FieldKind): string | undefined {
  if (field.editable_with_roles?.length) return 'Only some roles may edit this field in Close; change it in Close.';
  if (kind === 'reference') return 'Links to a Close contact: change it in Close.';
  if (kind === 'unknown') return `Close "${field.type}" fields${field.accepts_multiple_values ? ' with several values' : ''} can only be changed in Close.`;
  return undefined;
}

export function toFieldInfo(field: CloseCustomField): CloseFieldInfo {
  const kind = kindOf(field);
  const reason = readOnlyReason(field, kind);
  const def: FieldDef = {
    key: customKey(field.id),
    label: field.name,
    kind,
    writable: reason === undefined,
    ...(reason ? { reason } : {}),
    ...(field.description ? { description: field.description } : {}),
    ...(field.choices && (kind === 'select' || kind === 'multiselect')
      ? { options: field.choices.map((c) => ({ value: c, label: c })) }
      : {}),
  };
  return { def, closeType: field.type, multiple: Boolean(field.accepts_multiple_values) };
}

/** A JSON number as a plain decimal string (no exponent), or undefined when it is not finite. */
export function plainDecimal(n: number): string | undefined {
  if (!Number.isFinite(n)) return undefined;
  const s = Number.isInteger(n) && Number.isSafeInteger(n) ? String(n) : n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  return /^-?\d+(\.\d+)?$/.test(s) ? s : undefined;
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return undefined;
}

/** Reads one stored value by its field's type; anything unexpected becomes a read-only `unknown`. */
export function readCustomValue(value: unknown, info: CloseFieldInfo | undefined, names: NameLookup): FieldValue {
  const unknown: FieldValue = { kind: 'unknown', value };
  if (!info) return unknown;
  switch (info.def.kind) {
    case 'text':
    case 'textarea':
    case 'select':
      return typeof value === 'string' ? { kind: info.def.kind, value } : unknown;
    case 'multiselect':
      if (typeof value === 'string') return { kind: 'multiselect', value: [value] };
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? { kind: 'multiselect', value } : unknown;
    case 'number': {
      // Close returns a JSON number [UNCONFIRMED whether always]; a numeric string is accepted too.
      const decimal = typeof value === 'number' ? plainDecimal(value) : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? value.trim() : undefined;
      return decimal === undefined ? unknown : { kind: 'number', value: decimal };
    }
    case 'date': {
      const day = typeof value === 'string' ? /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1] : undefined;
      return day ? { kind: 'date', value: day } : unknown;
    }
    case 'datetime':
      return typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? { kind: 'datetime', value } : unknown;
    case 'user': {
      const id = idOf(value);
      return id ? { kind: 'user', value: { id, name: names.user(id) ?? id } } : unknown;
    }
    case 'reference': {
      const id = idOf(value);
      return id ? { kind: 'reference', value: { id, name: names.contact(id) ?? id } } : unknown;
    }
    default:
      return unknown;
  }
}

/** Every `custom.cf_…` key of an opportunity, typed by its definition. */
export function readCustomValues(
  record: Record<string, unknown>,
  fields: ReadonlyMap<string, CloseFieldInfo>,
  names: NameLookup,
): Record<string, FieldValue> {
  const custom: Record<string, FieldValue> = {};
  for (const [key, value] of Object.entries(record)) {
    if (!CUSTOM_KEY.test(key) || value === null || value === undefined) continue;
    custom[key] = readCustomValue(value, fields.get(key), names);
  }
  return custom;
}

/** Ids held by `user` or `contact` (reference) fields, so their names can be looked up. */
export function referencedIds(record: Record<string, unknown>, fields: ReadonlyMap<string, CloseFieldInfo>, kind: 'user' | 'reference'): string[] {
  const ids = new Set<string>();
  for (const [key, value] of Object.entries(record)) {
    if (fields.get(key)?.def.kind !== kind) continue;
    const id = idOf(value);
    if (id) ids.add(id);
  }
  return [...ids];
}

export type UsersById = ReadonlyMap<string, PersonRef>;
