/**
 * Every key of a Hindsight record, flattened for "All fields": nested objects by dot
 * (`a.b`), array items by index (`drivers[0].summary`), an empty array or object kept as itself.
 * Numbers stay as Hindsight sent them; nothing is renamed or dropped.
 */
export function flattenRecord(record: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  flattenInto(raw, '', record);
  return raw;
}

function flattenInto(target: Record<string, unknown>, prefix: string, value: unknown): void {
  if (Array.isArray(value)) {
    if (!value.length) target[prefix] = [];
    value.forEach((item, index) => flattenInto(target, `${prefix}[${index}]`, item));
    return;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length && prefix) target[prefix] = {};
    for (const [key, inner] of entries) flattenInto(target, prefix ? `${prefix}.${key}` : key, inner);
    return;
  }
  target[prefix] = value;
}
