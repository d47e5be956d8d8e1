import type { FieldError } from '../../http';
import { MoneySchema, type PersonRef, rescale, type Stage } from '../../model';
import type { DealPatch } from '../contract';
import { statusOf } from './map';

const MAX_TITLE = 255;

/** The standard keys of a DealPatch that go into `PUT /deals/{id}`. */
const STANDARD_KEYS = ['name', 'stageId', 'amount', 'amountPeriod', 'expectedClose', 'ownerId', 'outcome', 'probability', 'description'] as const;

export function hasStandardChanges(patch: DealPatch): boolean {
  return STANDARD_KEYS.some((key) => patch[key] !== undefined);
}

export interface DealWriteContext {
  /** Every stage of every pipeline the key can read; a stage's pipeline is its AC `group`. */
  stages: readonly Stage[];
  /** Known users; an owner outside them is refused before sending. Empty when not known. */
  users: readonly PersonRef[];
}

export type DealBody = { ok: true; deal: Record<string, unknown> } | { ok: false; errors: FieldError[] };

function writeAmount(patch: DealPatch, deal: Record<string, unknown>, errors: FieldError[]): void {
  if (patch.amount === undefined) return;
  // An AC deal always has a value; clearing it stores zero in the deal's currency.
  if (patch.amount === null) {
    deal['value'] = 0;
    return;
  }
  const parsed = MoneySchema.safeParse(patch.amount);
  if (!parsed.success) return void errors.push({ field: 'amount', message: 'is not a valid amount' });
  const money = parsed.data;
  if (money.scale > 2) {
    return void errors.push({ field: 'amount', message: 'can have at most 2 decimal places: ActiveCampaign stores whole cents' });
  }
  const cents = BigInt(rescale(money, 2).minor);
  if (cents < 0n) return void errors.push({ field: 'amount', message: 'must not be negative' });
  if (cents > BigInt(Number.MAX_SAFE_INTEGER)) return void errors.push({ field: 'amount', message: 'is too large' });
  deal['value'] = Number(cents);
  deal['currency'] = money.currency.toLowerCase();
}

function writeStage(patch: DealPatch, deal: Record<string, unknown>, ctx: DealWriteContext, errors: FieldError[]): void {
  if (patch.stageId === undefined) return;
  const stage = ctx.stages.find((s) => s.id === patch.stageId);
  if (!stage) return void errors.push({ field: 'stageId', message: `no stage "${patch.stageId}" in ActiveCampaign` });
  // AC checks the stage against `group`; sending both keeps a stage move valid on its own.
  deal['stage'] = stage.id;
  deal['group'] = stage.pipelineId;
}

function writeText(patch: DealPatch, deal: Record<string, unknown>, errors: FieldError[]): void {
  if (patch.name !== undefined) {
    const title = typeof patch.name === 'string' ? patch.name.trim() : '';
    if (!title) errors.push({ field: 'name', message: 'must not be empty' });
    else if (title.length > MAX_TITLE) errors.push({ field: 'name', message: `must be at most ${MAX_TITLE} characters` });
    else deal['title'] = title;
  }
  if (patch.description !== undefined) {
    if (patch.description !== null && typeof patch.description !== 'string') errors.push({ field: 'description', message: 'must be text' });
    else deal['description'] = patch.description ?? '';
  }
}

function writePeople(patch: DealPatch, deal: Record<string, unknown>, ctx: DealWriteContext, errors: FieldError[]): void {
  if (patch.ownerId === undefined) return;
  if (patch.ownerId === null) return void errors.push({ field: 'ownerId', message: 'an ActiveCampaign deal always has an owner; pick another user' });
  if (ctx.users.length && !ctx.users.some((u) => u.id === patch.ownerId)) {
    return void errors.push({ field: 'ownerId', message: `no ActiveCampaign user with id "${patch.ownerId}"` });
  }
  deal['owner'] = patch.ownerId;
}

function writeOutcome(patch: DealPatch, deal: Record<string, unknown>, errors: FieldError[]): void {
  if (patch.outcome !== undefined) {
    if (patch.outcome === 'open' || patch.outcome === 'won' || patch.outcome === 'lost') deal['status'] = statusOf(patch.outcome);
    else errors.push({ field: 'outcome', message: 'must be open, won or lost' });
  }
  if (patch.probability !== undefined) {
    // AC keeps a whole percent; clearing it stores 0, AC's own default.
    const p = patch.probability ?? 0;
    if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > 100) {
      errors.push({ field: 'probability', message: 'must be a whole number from 0 to 100' });
    } else deal['percent'] = p;
  }
}

/**
 * The `deal` body of `PUT /deals/{id}` for the standard keys of a patch, or every problem found,
 * each naming its DealPatch key. Nothing is sent when anything is wrong.
 */
export function dealBody(patch: DealPatch, ctx: DealWriteContext): DealBody {
  const deal: Record<string, unknown> = {};
  const errors: FieldError[] = [];
  writeText(patch, deal, errors);
  writeAmount(patch, deal, errors);
  writeStage(patch, deal, ctx, errors);
  writePeople(patch, deal, ctx, errors);
  writeOutcome(patch, deal, errors);
  if (patch.amountPeriod !== undefined) errors.push({ field: 'amountPeriod', message: 'ActiveCampaign deals have no value period' });
  if (patch.expectedClose !== undefined) {
    errors.push({
      field: 'expectedClose',
      message: 'ActiveCampaign keeps the forecasted close date in a custom field ("Forecasted Close Date"); edit it there',
    });
  }
  return errors.length ? { ok: false, errors } : { ok: true, deal };
}
