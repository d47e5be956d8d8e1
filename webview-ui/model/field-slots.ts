import type { Deal, FieldDef, FieldValue } from '../../src/model';
import type { DealView } from '../../src/protocol';
import { isEditableKind } from '../fields/field-kinds';
import { fieldId } from './field-id';
import { canWriteDeal, type FieldSlot } from './field-slot';
import { standardSlots } from './standard-slots';

function customReadOnlyReason(view: DealView, def: FieldDef): string | undefined {
  if (!def.writable && def.reason) return def.reason;
  if (def.kind === 'reference') return `Links to another record: change it in ${view.providerName}`;
  if (def.kind === 'unknown') return `A kind of field this panel cannot edit: change it in ${view.providerName}`;
  if (!def.writable) return `${view.providerName} does not allow changing this field`;
  if (def.kind === 'user' && view.users.length === 0) return `${view.providerName} does not list its users here`;
  if (!view.capabilities.updateCustomFields) return `${view.providerName} custom fields cannot be changed from here`;
  return undefined;
}

export function customSlots(view: DealView, deal: Deal): FieldSlot[] {
  const writable = canWriteDeal(view, deal);
  return view.fields.map((def) => {
    const reason = customReadOnlyReason(view, def);
    return {
      id: fieldId({ kind: 'custom', key: def.key }),
      ref: { kind: 'custom', key: def.key },
      def,
      read: (d: Deal) => d.custom[def.key],
      toPatch: (value: FieldValue | null) => ({ custom: { [def.key]: value } }),
      editable: writable && isEditableKind(def.kind) && reason === undefined,
      // A locked deal or a read-only CRM is explained once by the note at the top.
      readOnlyReason: writable ? reason : undefined,
    };
  });
}

/** Every field the panel shows, by field id. */
export function slotsById(view: DealView, deal: Deal): Map<string, FieldSlot> {
  return new Map([...standardSlots(view, deal), ...customSlots(view, deal)].map((slot) => [slot.id, slot]));
}
