import type { FieldDef, FieldValue } from '../../model';
import { ATTRIBUTES_READ_ONLY } from './errors';
import type { SpottCustomAttribute } from './schemas';

/** The value without its `viewType`, for a variant the docs do not describe. */
function payloadOf(value: Record<string, unknown>): unknown {
  const { viewType: _viewType, ...rest } = value;
  const keys = Object.keys(rest);
  return keys.length === 1 ? rest[keys[0]!] : rest;
}

function isText(value: SpottCustomAttribute['value']): value is { viewType: 'customText'; text?: string | null } {
  return value?.viewType === 'customText';
}

/**
 * A custom attribute's definition, read-only: Spott documents no way to write one. Only the
 * `customText` variant is documented; any other shows as it came (kind `unknown`).
 */
export function toFieldDef(attribute: SpottCustomAttribute): FieldDef {
  const ai = attribute.isFilledByAI ? (attribute.aiOverridden ? 'Filled by Spott AI, then changed by hand.' : 'Filled by Spott AI.') : undefined;
  return {
    key: attribute.attributeDefinitionId,
    label: attribute.label?.trim() || attribute.attributeDefinitionId,
    kind: !attribute.value || isText(attribute.value) ? 'text' : 'unknown',
    writable: false,
    reason: ATTRIBUTES_READ_ONLY,
    description: ai,
  };
}

/** The value of an attribute in the model, or undefined when it is empty. */
export function toFieldValue(attribute: SpottCustomAttribute): FieldValue | undefined {
  const value = attribute.value;
  if (!value) return undefined;
  if (isText(value)) return value.text ? { kind: 'text', value: value.text } : undefined;
  const payload = payloadOf(value);
  return payload === null || payload === undefined ? undefined : { kind: 'unknown', value: payload };
}

export function fieldDefs(attributes: readonly SpottCustomAttribute[]): FieldDef[] {
  const seen = new Set<string>();
  return attributes.filter((a) => !seen.has(a.attributeDefinitionId) && seen.add(a.attributeDefinitionId)).map(toFieldDef);
}

export function customValues(attributes: readonly SpottCustomAttribute[]): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const attribute of attributes) {
    const value = toFieldValue(attribute);
    if (value) values[attribute.attributeDefinitionId] = value;
  }
  return values;
}
