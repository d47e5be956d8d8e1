import { flattenInto } from '../shared/flatten';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}


/** A record read at depth 1 embeds related records (`company`) and lists (`taskTargets`); their ids stay, their contents do not. */
function isEmbeddedRecord(record: Json, key: string, value: unknown): boolean {
  if (Array.isArray(value)) return value.some(isObject);
  return isObject(value) && (`${key}Id` in record || typeof value['id'] === 'string');
}

/** Every field Twenty returned for the opportunity, flattened (`amount.amountMicros`), without embedded records or the search index. */
export function rawRecord(record: Json): Json {
  const raw: Json = {};
  for (const [key, value] of Object.entries(record)) {
    if (key === 'searchVector' || isEmbeddedRecord(record, key, value)) continue;
    flattenInto(raw, key, value);
  }
  return raw;
}
