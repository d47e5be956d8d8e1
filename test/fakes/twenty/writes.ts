import { isObject } from '../kit/request-values';
import { badRequest, type Reply, restError } from './replies';
import { blocknoteOf } from './seed';
import type { FieldMetadata, Flavor, Json } from './types';

/**
 * How the real server refuses values, in its own (database) words, as the captures show: enum
 * errors naming `<object>_<field>_enum`, not-null and foreign-key violations, numeric and
 * timestamp syntax, `TypeError` for a null composite, and unknown fields.
 */

export class WriteError extends Error {
  constructor(readonly reply: Reply) {
    super('write refused');
  }
}

const SCHEMA = 'workspace_1wgvd1injqtife6y4rvfbu3h5';

export function unknownField(flavor: Flavor, object: string, key: string): WriteError {
  return new WriteError(
    flavor.metadataFormat === 'new'
      ? badRequest(`Object ${object} doesn't have any "${key}" field.`)
      : restError(400, 'Error', `Field metadata for field "${key}" is missing in object metadata`),
  );
}

export function enumError(object: string, field: string, value: unknown): WriteError {
  // Postgres quotes the type name when it has capitals (custom camelCase fields), as captured.
  const type = `${object}_${field}_enum`;
  const name = /[A-Z]/.test(type) ? `"${type}"` : type;
  return new WriteError(badRequest(`invalid input value for enum ${SCHEMA}.${name}: "${String(value)}"`));
}

export function notNull(object: string, column: string): WriteError {
  return new WriteError(badRequest(`null value in column "${column}" of relation "${object}" violates not-null constraint`));
}

export function foreignKey(object: string): WriteError {
  return new WriteError(badRequest(`insert or update on table "${object}" violates foreign key constraint "FK_5a104112b21bbebb37fca93a548"`));
}

const nullComposite = (): WriteError => new WriteError(badRequest('Cannot convert undefined or null to object', 'TypeError'));

export function instant(value: unknown, nullable: boolean, object: string, column: string): string | null {
  if (value === null) {
    if (!nullable) throw notNull(object, column);
    return null;
  }
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) throw new WriteError(badRequest(`invalid input syntax for type timestamp with time zone: "${String(value)}"`));
  return new Date(ms).toISOString();
}

function numericText(value: unknown): string | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value)).toString();
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return value.trim().replace(/\.\d*$/, '');
  throw new WriteError(badRequest(`invalid input syntax for type numeric: "${String(value)}"`));
}

/** A CURRENCY write: sub-fields merged into the stored value (captured: `{currencyCode}` alone keeps the amount). */
export function currency(value: unknown, current: { amountMicros: string | null; currencyCode: string }): { amountMicros: string | null; currencyCode: string } {
  if (!isObject(value)) throw nullComposite();
  const next = { ...current };
  if ('amountMicros' in value) next.amountMicros = numericText(value['amountMicros']);
  if ('currencyCode' in value) next.currencyCode = value['currencyCode'] === null ? '' : String(value['currencyCode']);
  return next;
}

/** A custom field value as the server stores it, or a WriteError in its words. */
export function customValue(field: FieldMetadata, value: unknown, current: unknown): unknown {
  const object = 'opportunity';
  const options = Array.isArray(field['options']) ? (field['options'] as { value: string }[]).map((o) => o.value) : [];
  switch (field.type) {
    case 'TEXT':
      return value === null ? null : String(value);
    case 'NUMBER':
    case 'NUMERIC': {
      if (value === null) return null;
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      if (!Number.isFinite(n)) throw new WriteError(badRequest(`invalid input syntax for type double precision: "${String(value)}"`));
      return n;
    }
    case 'BOOLEAN':
      if (value === null && field['isNullable'] === false) throw notNull(object, field.name);
      return value === null ? null : Boolean(value);
    case 'DATE': {
      if (value === null) return null;
      const day = typeof value === 'string' ? value.slice(0, 10) : '';
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day))) throw new WriteError(badRequest(`invalid input syntax for type date: "${String(value)}"`));
      return day;
    }
    case 'DATE_TIME':
      return instant(value, true, object, field.name);
    case 'SELECT':
    case 'RATING':
      if (value !== null && !options.includes(String(value))) throw enumError(object, field.name, value);
      return value;
    case 'MULTI_SELECT': {
      if (value === null) return null;
      const values = Array.isArray(value) ? value.map(String) : [String(value)];
      const wrong = values.find((v) => !options.includes(v));
      if (wrong !== undefined) throw enumError(object, field.name, wrong);
      return values;
    }
    case 'CURRENCY':
      return currency(value, (current as { amountMicros: string | null; currencyCode: string }) ?? { amountMicros: null, currencyCode: '' });
    case 'LINKS': {
      if (!isObject(value)) throw nullComposite();
      const was = (current as Json | null) ?? {};
      // As captured: writing the URL alone leaves the label null; the other links are kept.
      return {
        primaryLinkLabel: 'primaryLinkLabel' in value ? value['primaryLinkLabel'] : null,
        primaryLinkUrl: 'primaryLinkUrl' in value ? value['primaryLinkUrl'] : (was['primaryLinkUrl'] ?? null),
        secondaryLinks: 'secondaryLinks' in value ? value['secondaryLinks'] : (was['secondaryLinks'] ?? []),
      };
    }
    case 'RICH_TEXT_V2': {
      if (!isObject(value)) throw nullComposite();
      const markdown = typeof value['markdown'] === 'string' ? value['markdown'] : null;
      return { blocknote: typeof value['blocknote'] === 'string' ? value['blocknote'] : blocknoteOf(markdown), markdown };
    }
    default:
      // EMAILS, PHONES, FULL_NAME, ADDRESS: sub-fields merged.
      if (!isObject(value)) throw nullComposite();
      return { ...((current as Json | null) ?? {}), ...value };
  }
}

/** A later `updatedAt` than the record had, even within the same millisecond. */
export function touched(previous: string, nowMs: number): string {
  return new Date(Math.max(nowMs, Date.parse(previous) + 1)).toISOString();
}
