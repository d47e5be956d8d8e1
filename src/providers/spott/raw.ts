import { flattenInto } from '../shared/flatten';

/** Wrapped fields whose payload key is the field's own name: unwrapped before flattening. */
function unwrap(key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && key in value) {
    return (value as Record<string, unknown>)[key];
  }
  return value;
}


/**
 * Every key Spott returned for the opportunity, unwrapped (`stage.name`, not
 * `stage.stage.name`; `viewType` left out) and flattened; each custom attribute under
 * `custom.<label>` (made unique with its id when two share a label).
 */
export function rawRecord(opportunity: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(opportunity)) {
    if (key === 'customAttributes') continue;
    const inner = unwrap(key, value);
    if (inner !== value || value === null || typeof value !== 'object' || Array.isArray(value)) flattenInto(raw, key, inner);
    else {
      const { viewType: _viewType, ...rest } = value as Record<string, unknown>;
      flattenInto(raw, key, rest);
    }
  }
  const attributes = Array.isArray(opportunity['customAttributes']) ? (opportunity['customAttributes'] as Record<string, unknown>[]) : [];
  const labels = new Map<string, number>();
  for (const a of attributes) labels.set(String(a['label'] ?? ''), (labels.get(String(a['label'] ?? '')) ?? 0) + 1);
  for (const a of attributes) {
    const id = String(a['attributeDefinitionId'] ?? '');
    const label = typeof a['label'] === 'string' && a['label'].trim() ? a['label'] : id;
    const name = (labels.get(String(a['label'] ?? '')) ?? 0) > 1 ? `${label} (${id})` : label;
    const value = a['value'];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const { viewType: _viewType, ...rest } = value as Record<string, unknown>;
      const keys = Object.keys(rest);
      raw[`custom.${name}`] = keys.length === 1 ? rest[keys[0]!] ?? null : rest;
    } else raw[`custom.${name}`] = value ?? null;
  }
  return raw;
}
