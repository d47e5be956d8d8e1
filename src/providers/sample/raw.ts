import type { Deal } from '../../model';
import type { StoredDeal } from './schemas';
import { flattenInto } from '../shared/flatten';

/** The deal as the model sees it: attributes the model does not map stay in `raw` only. */
export function toModelDeal(stored: StoredDeal): Deal {
  const { source: _source, lastActivityAt: _lastActivityAt, ...deal } = structuredClone(stored);
  return deal;
}


/**
 * Every stored attribute as one flat record for "All fields": nested values become dotted keys
 * (`amount.minor`, `owner.name`), custom values are listed by their field key without the kind tag.
 */
export function rawRecord(stored: StoredDeal, pipelineName: string, stageName: string): Record<string, unknown> {
  const { custom, ...standard } = stored;
  const raw: Record<string, unknown> = {};
  flattenInto(raw, '', { ...standard, pipelineName, stageName });
  for (const [key, field] of Object.entries(custom)) flattenInto(raw, `custom.${key}`, field.value);
  return raw;
}
