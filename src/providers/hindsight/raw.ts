import { flattenInto } from '../shared/flatten';

/**
 * Every key of a Hindsight record, flattened for "All fields": nested objects by dot
 * (`a.b`), array items by index (`drivers[0].summary`), an empty array or object kept as itself.
 * Numbers stay as Hindsight sent them; nothing is renamed or dropped.
 */
export function flattenRecord(record: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  flattenInto(raw, '', record, { arrays: 'indexed' });
  return raw;
}

