import type { AcField } from './custom-fields';
import { fieldIdOf } from './custom-fields';
import type { AcFieldDatum } from './schemas';
import { flattenInto } from '../shared/flatten';


/**
 * Every key AC returned for the deal, flattened (`links.tasks`), plus each custom value as AC
 * stored it under `custom.<label>` (the label, made unique with the field id when two share one).
 */
export function rawRecord(deal: Record<string, unknown>, fields: readonly AcField[], data: readonly AcFieldDatum[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  flattenInto(raw, '', deal);
  const labelCount = new Map<string, number>();
  for (const f of fields) labelCount.set(f.def.label, (labelCount.get(f.def.label) ?? 0) + 1);
  for (const datum of data) {
    const fieldId = fieldIdOf(datum);
    const field = fields.find((f) => f.def.key === fieldId);
    const label = field ? field.def.label : `field ${fieldId ?? datum.id}`;
    const name = field && (labelCount.get(label) ?? 0) > 1 ? `${label} (${field.def.key})` : label;
    raw[`custom.${name}`] = datum.fieldValue ?? null;
    if (datum.fieldCurrency) raw[`custom.${name}.currency`] = datum.fieldCurrency;
  }
  return raw;
}
