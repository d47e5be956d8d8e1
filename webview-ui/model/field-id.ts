import type { FieldRef } from '../../src/protocol';

/** One string per field, for maps and saved state: the standard name, or `custom:<key>`. */
export function fieldId(ref: FieldRef): string {
  return ref.kind === 'standard' ? ref.name : `custom:${ref.key}`;
}

/**
 * A DOM id made from any key a CRM may use (dots, spaces, quotes): every character outside
 * [A-Za-z0-9-] is spelled out, so two keys never share an id and no id needs CSS escaping.
 */
export function domId(prefix: string, key: string): string {
  return `${prefix}-${key.replace(/[^A-Za-z0-9-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}_`)}`;
}
