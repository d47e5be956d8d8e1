import type { FieldError } from '../../http';
import type { FieldValue } from '../../model';
import type { AcApi } from './client';
import { type AcField, fieldIdOf, readFieldValue, toWriteValue } from './custom-fields';
import { attributeToField } from './errors';
import type { AcFieldDatum } from './schemas';

type Fields = readonly AcField[];

export interface CustomWrite {
  field: AcField;
  value: FieldValue | null;
  /** Undefined clears the value. */
  body?: Record<string, unknown>;
}

export function planCustomWrites(entries: [string, FieldValue | null][], fields: Fields, errors: FieldError[]): CustomWrite[] {
  const writes: CustomWrite[] = [];
  for (const [key, value] of entries) {
    const field = fields.find((f) => f.def.key === key);
    if (!field) {
      errors.push({ field: key, message: 'is not an ActiveCampaign deal field' });
      continue;
    }
    if (value === null) {
      if (!field.def.writable) errors.push({ field: key, message: field.def.reason ?? 'is read-only' });
      else writes.push({ field, value });
      continue;
    }
    const converted = toWriteValue(field, value);
    if (!converted.ok) {
      errors.push({ field: key, message: converted.message });
      continue;
    }
    const body: Record<string, unknown> = { fieldValue: converted.fieldValue };
    if (converted.fieldCurrency) body['fieldCurrency'] = converted.fieldCurrency;
    writes.push({ field, value, body });
  }
  return writes;
}

export function customValues(fields: Fields, data: readonly AcFieldDatum[], dealCurrency: string | null | undefined): Record<string, FieldValue> {
  const custom: Record<string, FieldValue> = {};
  for (const datum of data) {
    const key = fieldIdOf(datum);
    const field = fields.find((f) => f.def.key === key);
    if (!field || !key) continue;
    const value = readFieldValue(field, datum, dealCurrency ?? undefined);
    if (value) custom[key] = value;
  }
  return custom;
}

/** Writes each custom value on its own value record: PUT to update (same record id), POST to create, DELETE to clear. */
export async function writeCustomValues(api: AcApi, dealId: string, writes: readonly CustomWrite[], signal?: AbortSignal): Promise<void> {
  const existing = await api.fieldData(dealId, signal);
  for (const write of writes) {
    const key = write.field.def.key;
    const datum = existing.find((d) => fieldIdOf(d) === key);
    const datumId = datum ? String(datum.id) : undefined;
    try {
      if (!write.body) {
        if (datumId) await api.deleteDatum(datumId, signal);
      } else if (datumId) {
        await api.updateDatum(datumId, write.body, signal);
      } else {
        await api.createDatum({ dealId: Number(dealId), customFieldId: Number(key), ...write.body }, signal);
      }
    } catch (error) {
      throw attributeToField(error, key);
    }
  }
}
