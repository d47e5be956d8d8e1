import type { FieldValue, Money } from '../../model';
import type { DealPatch } from '../contract';
import { FieldProblems } from './close-errors';
import { type CloseFieldInfo, CUSTOM_KEY, plainDecimal } from './custom-fields';

export interface DealPatchContext {
  /** Known field definitions by FieldDef.key; empty when not loaded (then only shapes are checked). */
  fields: ReadonlyMap<string, CloseFieldInfo>;
  /** The currency the opportunity's value is kept in, when known. */
  currency: string | undefined;
}

const MAX_CENTS = BigInt(Number.MAX_SAFE_INTEGER);

function centsOf(amount: Money, ctx: DealPatchContext, problems: FieldProblems): number | undefined {
  if (amount.scale !== 2) {
    problems.add('amount', `Close keeps amounts in whole cents (2 decimal places); this amount has ${amount.scale}.`);
    return undefined;
  }
  if (ctx.currency && amount.currency.toUpperCase() !== ctx.currency.toUpperCase()) {
    problems.add('amount', `this opportunity's value is in ${ctx.currency.toUpperCase()}; Close cannot store ${amount.currency} here.`);
    return undefined;
  }
  const minor = BigInt(amount.minor);
  if (minor > MAX_CENTS || minor < -MAX_CENTS) {
    problems.add('amount', 'is too large for Close to store exactly.');
    return undefined;
  }
  return Number(minor);
}

function numberOf(decimal: string): number | undefined {
  const value = Number(decimal);
  const normalized = decimal.replace(/^(-?)0+(?=\d)/, '$1').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return plainDecimal(value) === normalized ? value : undefined;
}

/** A model value as Close stores it, or a problem. `user` and `contact` fields hold ids. */
function closeValue(key: string, value: FieldValue, info: CloseFieldInfo | undefined, problems: FieldProblems): unknown {
  if (info && !info.def.writable) {
    problems.add(key, info.def.reason ?? 'cannot be changed here.');
    return undefined;
  }
  if (info && info.def.kind !== value.kind) {
    problems.add(key, `expects a ${info.def.kind} value, not ${value.kind}.`);
    return undefined;
  }
  const options = info?.def.options?.map((o) => o.value);
  switch (value.kind) {
    case 'text':
    case 'textarea':
    case 'url':
    case 'email':
    case 'phone':
    case 'date':
    case 'datetime':
      return value.value;
    case 'select':
      if (options && !options.includes(value.value)) problems.add(key, `"${value.value}" is not one of its choices.`);
      return value.value;
    case 'multiselect': {
      const bad = options ? value.value.filter((v) => !options.includes(v)) : [];
      if (bad.length) problems.add(key, `${bad.map((v) => `"${v}"`).join(', ')} ${bad.length > 1 ? 'are' : 'is'} not among its choices.`);
      return [...value.value];
    }
    case 'number':
    case 'percent': {
      const n = numberOf(value.value);
      if (n === undefined) problems.add(key, 'has more digits than Close can store exactly.');
      return n;
    }
    case 'boolean':
      return value.value;
    case 'user':
    case 'reference':
      return value.value.id;
    case 'money':
      problems.add(key, 'Close custom fields do not hold amounts of money; use a number field.');
      return undefined;
    case 'unknown':
      problems.add(key, 'cannot be changed here; change it in Close.');
      return undefined;
  }
}

/**
 * The partial `PUT /opportunity/{id}/` body for a DealPatch (every Close PUT is a partial update).
 * Problems are collected, keyed by the model key the panel shows them beside.
 */
export function opportunityBody(patch: DealPatch, ctx: DealPatchContext, problems: FieldProblems): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (patch.name !== undefined) {
    problems.add('name', "Close opportunities have no name of their own: they show their lead's name. Rename the lead in Close.");
  }
  if (patch.outcome !== undefined) {
    problems.add('outcome', 'Close sets won or lost through the stage: move the opportunity to a won or lost stage.');
  }
  if (patch.stageId !== undefined) body['status_id'] = patch.stageId;
  if (patch.amount === null) body['value'] = null;
  else if (patch.amount !== undefined) {
    const cents = centsOf(patch.amount, ctx, problems);
    if (cents !== undefined) body['value'] = cents;
  }
  if (patch.amountPeriod !== undefined) {
    if (['one_time', 'monthly', 'annual'].includes(patch.amountPeriod)) body['value_period'] = patch.amountPeriod;
    else problems.add('amountPeriod', 'must be one-time, monthly or annual.');
  }
  if (patch.expectedClose !== undefined) {
    if (patch.expectedClose === null || /^\d{4}-\d{2}-\d{2}$/.test(patch.expectedClose)) body['date_won'] = patch.expectedClose;
    else problems.add('expectedClose', 'must be a date (YYYY-MM-DD).');
  }
  if (patch.ownerId !== undefined) body['user_id'] = patch.ownerId;
  if (patch.probability !== undefined) {
    const p = patch.probability;
    if (p === null || (Number.isInteger(p) && p >= 0 && p <= 100)) body['confidence'] = p;
    else problems.add('probability', 'Close keeps confidence as a whole percentage from 0 to 100.');
  }
  if (patch.description !== undefined) body['note'] = patch.description ?? '';
  for (const [key, value] of Object.entries(patch.custom ?? {})) {
    if (!CUSTOM_KEY.test(key)) {
      problems.add(key, 'is not a Close custom field.');
      continue;
    }
    if (value === null) {
      // `null` unsets the field (documented for PUT /opportunity/{id}/).
      const info = ctx.fields.get(key);
      if (info && !info.def.writable) problems.add(key, info.def.reason ?? 'cannot be changed here.');
      else body[key] = null;
      continue;
    }
    const converted = closeValue(key, value, ctx.fields.get(key), problems);
    if (converted !== undefined) body[key] = converted;
  }
  return body;
}
