import type { FieldError } from '../../http';
import type { PersonRef, Stage } from '../../model';
import type { DealPatch } from '../contract';
import { isIsoDay, midnightInZone } from './dates';
import { toWriteValue, type TwentyField } from './fields';
import { moneyToMicros } from './money';

export interface DealWriteContext {
  /** Known stages; empty when not known (then any value is sent and Twenty decides). */
  stages: readonly Stage[];
  fields: readonly TwentyField[];
  /** Known members; an owner outside them is refused before sending. Empty when not known. */
  members: readonly PersonRef[];
  /** False when metadata says this build has no opportunity owner; undefined when unknown. */
  hasOwner: boolean | undefined;
  timeZone: string;
}

export type DealBody =
  /** `sent` maps each Twenty key in `body` to the model key errors are shown beside. */
  | { ok: true; body: Record<string, unknown>; sent: Record<string, string> }
  | { ok: false; errors: FieldError[] };

const UNSUPPORTED: Partial<Record<keyof DealPatch, string>> = {
  outcome: 'Twenty keeps no won or lost on an opportunity: move it to a stage, and map stages to won or lost in the account settings ("stageOutcomes")',
  probability: 'Twenty opportunities have no probability',
  description: 'Twenty opportunities have no description; add a note in Twenty',
  amountPeriod: 'Twenty opportunities have no value period',
};

function writeStandard(patch: DealPatch, ctx: DealWriteContext, put: (key: string, model: string, value: unknown) => void, errors: FieldError[]): void {
  if (patch.name !== undefined) {
    const name = typeof patch.name === 'string' ? patch.name.trim() : '';
    if (!name) errors.push({ field: 'name', message: 'must not be empty' });
    else put('name', 'name', name);
  }
  if (patch.stageId !== undefined) {
    if (ctx.stages.length && !ctx.stages.some((s) => s.id === patch.stageId)) {
      errors.push({ field: 'stageId', message: `no stage "${patch.stageId}" in Twenty` });
    } else put('stage', 'stageId', patch.stageId);
  }
  if (patch.amount !== undefined) {
    // `amount: null` is refused by Twenty (400 TypeError); an empty amount is null micros, the currency kept.
    if (patch.amount === null) put('amount', 'amount', { amountMicros: null });
    else {
      const micros = moneyToMicros(patch.amount);
      if (micros.ok) put('amount', 'amount', micros.value);
      else errors.push({ field: 'amount', message: micros.message });
    }
  }
  if (patch.expectedClose !== undefined) {
    if (patch.expectedClose === null) put('closeDate', 'expectedClose', null);
    else if (!isIsoDay(patch.expectedClose)) errors.push({ field: 'expectedClose', message: 'must be a real date as YYYY-MM-DD' });
    else put('closeDate', 'expectedClose', midnightInZone(patch.expectedClose, ctx.timeZone));
  }
  if (patch.ownerId !== undefined) {
    if (ctx.hasOwner === false) errors.push({ field: 'ownerId', message: 'this Twenty server has no opportunity owner' });
    else if (patch.ownerId !== null && ctx.members.length && !ctx.members.some((m) => m.id === patch.ownerId)) {
      errors.push({ field: 'ownerId', message: `no Twenty workspace member with id "${patch.ownerId}"` });
    } else put('ownerId', 'ownerId', patch.ownerId);
  }
  for (const [key, message] of Object.entries(UNSUPPORTED)) {
    if (patch[key as keyof DealPatch] !== undefined) errors.push({ field: key, message });
  }
}

/**
 * The body of `PATCH /rest/opportunities/{id}`: only the keys that change, custom fields beside the
 * standard ones (they are top-level keys). Nothing is sent when anything is wrong.
 */
export function dealBody(patch: DealPatch, ctx: DealWriteContext): DealBody {
  const body: Record<string, unknown> = {};
  const sent: Record<string, string> = {};
  const errors: FieldError[] = [];
  const put = (key: string, model: string, value: unknown): void => {
    body[key] = value;
    sent[key] = model;
  };
  writeStandard(patch, ctx, put, errors);
  for (const [key, value] of Object.entries(patch.custom ?? {})) {
    const field = ctx.fields.find((f) => f.def.key === key);
    if (!field) {
      errors.push({ field: key, message: 'is not a Twenty opportunity field' });
      continue;
    }
    const converted = toWriteValue(field, value);
    if (converted.ok) put(key, key, converted.value);
    else errors.push({ field: key, message: converted.message });
  }
  if (errors.length) return { ok: false, errors };
  if (!Object.keys(body).length) return { ok: false, errors: [{ field: 'deal', message: 'nothing to change' }] };
  return { ok: true, body, sent };
}
