import type { FieldError } from '../../http/errors';
import { type FieldDef, MoneySchema, type PersonRef, type Pipeline, rescale, type Stage } from '../../model';
import type { DealPatch } from '../contract';
import { checkCustomValue } from './custom-field-check';
import { isValidIsoDay } from './data/dates';
import type { StoredDeal } from './schemas';

export interface PatchContext {
  pipeline: Pipeline;
  fields: readonly FieldDef[];
  users: readonly PersonRef[];
  now: Date;
}

export type PatchResult = { ok: true; deal: StoredDeal } | { ok: false; errors: FieldError[] };

const MAX_NAME = 200;
const MAX_DESCRIPTION = 10_000;
const PERIODS = ['one_time', 'monthly', 'annual'];

/** Where a deal lands when only its outcome is set: the first won/lost stage, or the last open one. */
function stageForOutcome(pipeline: Pipeline, outcome: 'open' | 'won' | 'lost'): Stage | undefined {
  const matching = pipeline.stages.filter((s) => s.outcome === outcome);
  return outcome === 'open' ? matching.at(-1) : matching[0];
}

/** The stage the patch asks for, directly or through its outcome; undefined (with an error pushed) if impossible. */
function targetStage(current: StoredDeal, patch: DealPatch, pipeline: Pipeline, errors: FieldError[]): Stage | undefined {
  const named = patch.stageId === undefined ? undefined : pipeline.stages.find((s) => s.id === patch.stageId);
  if (patch.stageId !== undefined && !named) {
    errors.push({ field: 'stageId', message: `no stage "${patch.stageId}" in ${pipeline.name}` });
    return undefined;
  }
  const outcome = patch.outcome;
  if (outcome === undefined) return named;
  if (outcome !== 'open' && outcome !== 'won' && outcome !== 'lost') {
    errors.push({ field: 'outcome', message: 'must be open, won or lost' });
    return undefined;
  }
  if (named) {
    if (named.outcome === outcome) return named;
    errors.push({ field: 'outcome', message: `a deal in ${named.name} is ${named.outcome}, not ${outcome}` });
    return undefined;
  }
  const currentStage = pipeline.stages.find((s) => s.id === current.stageId);
  return currentStage?.outcome === outcome ? currentStage : stageForOutcome(pipeline, outcome);
}

function patchStage(next: StoredDeal, patch: DealPatch, ctx: PatchContext, errors: FieldError[]): void {
  const target = targetStage(next, patch, ctx.pipeline, errors);
  if (!target || target.id === next.stageId) return;
  next.stageId = target.id;
  next.outcome = target.outcome;
  // Like most CRMs, a stage move resets the probability to the stage's, unless the patch sets one.
  if (patch.probability === undefined && target.probability !== undefined) next.probability = target.probability;
}

function patchStandardFields(next: StoredDeal, patch: DealPatch, ctx: PatchContext, errors: FieldError[]): void {
  if (patch.name !== undefined) {
    const name = typeof patch.name === 'string' ? patch.name.trim() : '';
    if (!name) errors.push({ field: 'name', message: 'must not be empty' });
    else if (name.length > MAX_NAME) errors.push({ field: 'name', message: `must be at most ${MAX_NAME} characters` });
    else next.name = name;
  }
  if (patch.amount === null) delete next.amount;
  else if (patch.amount !== undefined) {
    const parsed = MoneySchema.safeParse(patch.amount);
    if (!parsed.success) errors.push({ field: 'amount', message: 'is not a valid amount' });
    else if (parsed.data.minor.startsWith('-')) errors.push({ field: 'amount', message: 'must not be negative' });
    else if (parsed.data.scale > 2) errors.push({ field: 'amount', message: 'can have at most 2 decimal places' });
    else next.amount = rescale(parsed.data, 2);
  }
  if (patch.amountPeriod !== undefined) {
    if (!PERIODS.includes(patch.amountPeriod)) errors.push({ field: 'amountPeriod', message: 'must be one_time, monthly or annual' });
    else next.amountPeriod = patch.amountPeriod;
  }
  if (patch.expectedClose === null) delete next.expectedClose;
  else if (patch.expectedClose !== undefined) {
    if (typeof patch.expectedClose !== 'string' || !isValidIsoDay(patch.expectedClose)) {
      errors.push({ field: 'expectedClose', message: 'must be a real date as YYYY-MM-DD' });
    } else next.expectedClose = patch.expectedClose;
  }
  if (patch.ownerId === null) delete next.owner;
  else if (patch.ownerId !== undefined) {
    const owner = ctx.users.find((u) => u.id === patch.ownerId);
    if (!owner) errors.push({ field: 'ownerId', message: `no user with id "${patch.ownerId}"` });
    else next.owner = { ...owner };
  }
  if (patch.probability === null) delete next.probability;
  else if (patch.probability !== undefined) {
    const p = patch.probability;
    if (typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= 100) next.probability = p;
    else errors.push({ field: 'probability', message: 'must be between 0 and 100' });
  }
  if (patch.description === null) delete next.description;
  else if (patch.description !== undefined) {
    if (typeof patch.description !== 'string') errors.push({ field: 'description', message: 'must be text' });
    else if (patch.description.length > MAX_DESCRIPTION) {
      errors.push({ field: 'description', message: `must be at most ${MAX_DESCRIPTION} characters` });
    }
    else next.description = patch.description;
  }
}

function patchCustomFields(next: StoredDeal, patch: DealPatch, ctx: PatchContext, errors: FieldError[]): void {
  for (const [key, value] of Object.entries(patch.custom ?? {})) {
    const def = ctx.fields.find((f) => f.key === key);
    if (!def) {
      errors.push({ field: key, message: 'no such field' });
      continue;
    }
    if (!def.writable) {
      errors.push({ field: key, message: `is read-only: ${def.reason ?? 'the Sample CRM sets it'}` });
      continue;
    }
    if (value === null) {
      delete next.custom[key];
      continue;
    }
    const checked = checkCustomValue(def, value, ctx.users);
    if (checked.ok) next.custom[key] = checked.value;
    else errors.push({ field: key, message: checked.message });
  }
}

/** The deal with the patch applied, or every problem with it (each naming its field), never half of it. */
export function patchDeal(deal: StoredDeal, patch: DealPatch, ctx: PatchContext): PatchResult {
  const next = structuredClone(deal);
  const errors: FieldError[] = [];
  patchStandardFields(next, patch, ctx, errors);
  patchStage(next, patch, ctx, errors);
  patchCustomFields(next, patch, ctx, errors);
  if (errors.length) return { ok: false, errors };
  // Strictly later than the version the edit was based on, so change detection always sees it.
  const previous = Date.parse(deal.updatedAt);
  next.updatedAt = new Date(Math.max(ctx.now.getTime(), previous + 1)).toISOString();
  return { ok: true, deal: next };
}
