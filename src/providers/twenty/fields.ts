import type { FieldDef, FieldKind, FieldOption, FieldValue } from '../../model';
import { isIsoDay, toInstant } from './dates';
import { microsToMoney, moneyToMicros } from './money';
import { nameText } from './names';
import type { FieldMeta } from './schemas';

/** A custom field of opportunity: the model's definition plus Twenty's type, which decides how it is read and written. */
export interface TwentyField {
  def: FieldDef;
  /** Twenty's FieldMetadataType, e.g. `LINKS`. */
  type: string;
}

/** Opportunity's standard fields (all builds), which are not custom fields even where `isCustom` is absent. */
const STANDARD_FIELDS = new Set([
  'id', 'createdAt', 'updatedAt', 'deletedAt', 'name', 'amount', 'closeDate', 'stage', 'position', 'createdBy',
  'updatedBy', 'pointOfContact', 'pointOfContactId', 'company', 'companyId', 'owner', 'ownerId', 'probability',
  'taskTargets', 'noteTargets', 'attachments', 'timelineActivities', 'favorites', 'calendarEventTargets',
  'messageThreadTargets', 'searchVector',
]);

/** System types that are never shown as fields. */
const SKIPPED_TYPES = new Set(['TS_VECTOR', 'POSITION', 'ACTOR']);

const KINDS: Record<string, FieldKind> = {
  TEXT: 'text',
  NUMBER: 'number',
  NUMERIC: 'number',
  BOOLEAN: 'boolean',
  DATE: 'date',
  DATE_TIME: 'datetime',
  SELECT: 'select',
  RATING: 'select',
  MULTI_SELECT: 'multiselect',
  CURRENCY: 'money',
  LINKS: 'url',
  EMAILS: 'email',
  PHONES: 'phone',
  RICH_TEXT_V2: 'textarea',
  RICH_TEXT: 'textarea',
  UUID: 'text',
  RELATION: 'reference',
};

/** Why a type is shown but not edited, in the user's words. */
const READ_ONLY_REASONS: Record<string, string> = {
  RICH_TEXT: 'An older rich-text field: edit it in Twenty.',
  UUID: 'An identifier: Twenty sets it.',
  RELATION: 'A link to another record: change it in Twenty.',
  FULL_NAME: 'A first and last name: edit it in Twenty.',
  ADDRESS: 'An address with several parts: edit it in Twenty.',
};

/** What the panel says under fields whose composite value is edited in part. */
const DESCRIPTIONS: Record<string, string> = {
  LINKS: 'The primary link; other links stay as they are, and Twenty may clear the link\'s label when it changes.',
  EMAILS: 'The primary email; other addresses stay as they are in Twenty.',
  PHONES: 'The primary number; its country code and other numbers stay as they are in Twenty.',
  RICH_TEXT_V2: 'Written as Markdown; Twenty keeps the formatting it understands.',
};

function relationType(meta: FieldMeta): string | undefined {
  return meta.relation?.type ?? undefined;
}

/** Custom: `isCustom` where the build says, else not one of the standard fields; system, inactive and one-to-many fields are left out. */
export function isCustomField(meta: FieldMeta): boolean {
  if (meta.isSystem === true || meta.isActive === false || SKIPPED_TYPES.has(meta.type)) return false;
  if ((meta.type === 'RELATION' || meta.type === 'MORPH_RELATION') && relationType(meta) === 'ONE_TO_MANY') return false;
  if (typeof meta.isCustom === 'boolean') return meta.isCustom;
  return !STANDARD_FIELDS.has(meta.name);
}

function optionsOf(meta: FieldMeta): FieldOption[] {
  const listed = (meta.options ?? [])
    .map((o, index) => ({ o, index }))
    .sort((a, b) => (a.o.position ?? a.index) - (b.o.position ?? b.index) || a.index - b.index)
    .map(({ o }) => ({ value: o.value, label: o.label?.trim() || o.value, ...(o.color ? { color: o.color } : {}) }));
  // A RATING without listed options uses Twenty's RATING_1…RATING_5 [UNCONFIRMED].
  if (!listed.length && meta.type === 'RATING') return [1, 2, 3, 4, 5].map((n) => ({ value: `RATING_${n}`, label: '★'.repeat(n) }));
  return listed;
}

export function toTwentyField(meta: FieldMeta): TwentyField | undefined {
  if (!isCustomField(meta)) return undefined;
  const kind: FieldKind = KINDS[meta.type] ?? 'unknown';
  const reason =
    meta.isUIReadOnly === true
      ? 'Read-only in Twenty.'
      : (READ_ONLY_REASONS[meta.type] ?? (kind === 'unknown' ? `CRM Pipelines cannot edit Twenty "${meta.type}" fields yet.` : undefined));
  const def: FieldDef = {
    key: meta.name,
    label: meta.label?.trim() || meta.name,
    kind,
    writable: reason === undefined,
    ...(reason ? { reason } : {}),
    ...(kind === 'select' || kind === 'multiselect' ? { options: optionsOf(meta) } : {}),
    ...(meta.isNullable === false ? { required: true } : {}),
    ...(meta.description?.trim() || DESCRIPTIONS[meta.type] ? { description: meta.description?.trim() || DESCRIPTIONS[meta.type] } : {}),
  };
  return { def, type: meta.type };
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function numberText(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) {
    const text = String(value);
    return /^-?\d+(\.\d+)?$/.test(text) ? text : undefined;
  }
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return value.trim();
  return undefined;
}

/** A record's value of a custom field as the model's FieldValue; undefined when empty (the raw value stays in "All fields"). */
export function readFieldValue(field: TwentyField, record: Json): FieldValue | undefined {
  const { key, kind } = field.def;
  const raw = record[key];
  switch (kind) {
    case 'text': {
      const value = nonEmpty(raw);
      return value === undefined ? undefined : { kind, value };
    }
    case 'textarea': {
      const value = isObject(raw) ? nonEmpty(raw['markdown']) : nonEmpty(raw);
      return value === undefined ? undefined : { kind, value };
    }
    case 'number': {
      const value = numberText(raw);
      return value === undefined ? undefined : { kind, value };
    }
    case 'boolean':
      return typeof raw === 'boolean' ? { kind, value: raw } : undefined;
    case 'date': {
      const day = typeof raw === 'string' ? raw.slice(0, 10) : undefined;
      return day && isIsoDay(day) ? { kind, value: day } : undefined;
    }
    case 'datetime': {
      const value = typeof raw === 'string' ? toInstant(raw) : undefined;
      return value ? { kind, value } : undefined;
    }
    case 'select': {
      const value = nonEmpty(raw);
      return value === undefined ? undefined : { kind, value };
    }
    case 'multiselect': {
      const values = Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string' && v !== '') : [];
      return values.length ? { kind, value: values } : undefined;
    }
    case 'money': {
      const value = isObject(raw) ? microsToMoney(raw) : undefined;
      return value ? { kind, value } : undefined;
    }
    case 'url':
    case 'email':
    case 'phone': {
      const sub = kind === 'url' ? 'primaryLinkUrl' : kind === 'email' ? 'primaryEmail' : 'primaryPhoneNumber';
      const value = isObject(raw) ? nonEmpty(raw[sub]) : undefined;
      return value === undefined ? undefined : { kind, value };
    }
    case 'reference': {
      const id = nonEmpty(record[`${key}Id`]) ?? (isObject(raw) ? nonEmpty(raw['id']) : undefined);
      if (!id) return undefined;
      const name = isObject(raw) ? nameText(raw['name']) : undefined;
      return { kind, value: { id, name: name ?? id } };
    }
    default:
      return isEmpty(raw) ? undefined : { kind: 'unknown', value: raw };
  }
}

/** Null, '', [] or a composite whose every part is one of those (Twenty's empty FULL_NAME, ADDRESS…). */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  return isObject(value) && Object.values(value).every(isEmpty);
}

export type WriteValue = { ok: true; value: unknown } | { ok: false; message: string };

function optionProblem(field: TwentyField, values: readonly string[]): string | undefined {
  const allowed = field.def.options?.map((o) => o.value);
  if (!allowed?.length) return undefined;
  const unknown = values.filter((v) => !allowed.includes(v));
  return unknown.length ? `is not one of the field's options: ${unknown.join(', ')}` : undefined;
}

/** The value to send under the field's key; composite types send only the part edited (Twenty merges the rest). */
export function toWriteValue(field: TwentyField, value: FieldValue | null): WriteValue {
  const { def } = field;
  if (!def.writable) return { ok: false, message: def.reason ?? 'is read-only' };
  if (value === null) return { ok: true, value: clearedValue(field) };
  if (value.kind !== def.kind) return { ok: false, message: `expects a ${def.kind} value, not ${value.kind}` };
  switch (value.kind) {
    case 'text':
      return { ok: true, value: value.value };
    case 'textarea':
      return { ok: true, value: { markdown: value.value } };
    case 'number': {
      const n = Number(value.value);
      return /^-?\d+(\.\d+)?$/.test(value.value) && Number.isFinite(n) ? { ok: true, value: n } : { ok: false, message: 'must be a number' };
    }
    case 'boolean':
      return { ok: true, value: value.value };
    case 'date':
      return isIsoDay(value.value) ? { ok: true, value: value.value } : { ok: false, message: 'must be a real date as YYYY-MM-DD' };
    case 'datetime': {
      const instant = toInstant(value.value);
      return instant ? { ok: true, value: instant } : { ok: false, message: 'must be a date and time' };
    }
    case 'select': {
      const problem = optionProblem(field, [value.value]);
      return problem ? { ok: false, message: problem } : { ok: true, value: value.value };
    }
    case 'multiselect': {
      const problem = optionProblem(field, value.value);
      return problem ? { ok: false, message: problem } : { ok: true, value: [...value.value] };
    }
    case 'money': {
      const micros = moneyToMicros(value.value);
      return micros.ok ? { ok: true, value: micros.value } : micros;
    }
    case 'url':
      return { ok: true, value: { primaryLinkUrl: value.value.trim() } };
    case 'email':
      return { ok: true, value: { primaryEmail: value.value.trim() } };
    case 'phone':
      return { ok: true, value: { primaryPhoneNumber: value.value.trim() } };
    default:
      return { ok: false, message: 'cannot be written' };
  }
}

/** What clears a field: empty parts for composites (as Twenty's own empty values), null otherwise. */
function clearedValue(field: TwentyField): unknown {
  switch (field.def.kind) {
    case 'text':
      return '';
    case 'textarea':
      return { markdown: '' };
    case 'money':
      return { amountMicros: null };
    case 'url':
      return { primaryLinkUrl: '' };
    case 'email':
      return { primaryEmail: '' };
    case 'phone':
      return { primaryPhoneNumber: '' };
    default:
      return null;
  }
}
