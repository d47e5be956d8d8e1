import type { Deal, FieldDef, FieldValue } from '../../src/model';
import type { DealView, FieldRef } from '../../src/protocol';
import type { DealPatch } from './protocol-types';

/**
 * One field of the panel, standard or custom, described the same way so that one inline editor
 * serves both: what it is (def), how to read it from a deal and how to write it back (patch).
 */
export interface FieldSlot {
  id: string;
  ref: FieldRef;
  def: FieldDef;
  read(deal: Deal): FieldValue | undefined;
  toPatch(value: FieldValue | null): DealPatch;
  editable: boolean;
  /** Shown beside a field that cannot be changed, when there is a reason worth telling. */
  readOnlyReason?: string;
  /** A rule beyond the kind's own syntax (a probability is 0-100). */
  check?(value: FieldValue | null): string | undefined;
  /** Display text when the kind's own format is not enough (an amount per month). */
  format?(value: FieldValue, locale: string | undefined): string;
}

/** Whether this deal may be written at all: not locked, and the CRM allows deal updates. */
export function canWriteDeal(view: DealView, deal: Deal): boolean {
  return !deal.locked && view.capabilities.updateDeal;
}

