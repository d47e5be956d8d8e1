import { type Deal, type Money, type Outcome, totalsByCurrency } from '../../model';
import { toDecimal, toMinorUnits } from './decimal';
import { customValues } from './fields';
import { flattenRecord } from './raw';
import type { HsDeal } from './schemas';
import { PIPELINE_ID } from './stages';

/**
 * Hindsight gives an amount but no currency (the docs never name one, and the CRMs it syncs from
 * may use any). ISO 4217 reserves XXX for "no currency": the amount stays exact and visible, and
 * Intl shows it with the generic sign (¤50,000.00) instead of a $ or € we would be guessing.
 */
export const NO_CURRENCY = 'XXX';
/** Added to "All fields" beside `amount`, so the missing currency is said where the amount is. */
export const AMOUNT_NOTE_KEY = 'amount (currency)';
export const AMOUNT_NOTE = 'not given by Hindsight; shown with the generic currency sign ¤';

const DATE = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

export interface MapContext {
  /** The stage's outcome (the deal's own: Hindsight keeps none apart from the stage). */
  outcomeOf: (status: string) => Outcome;
  /** Where the deal opens in Hindsight's web app, when known. */
  dealUrl?: (dealId: string) => string;
}

/** The amount as exact Money in "no currency", or undefined when missing or not exactly representable. */
export function amountOf(value: HsDeal['amount']): Money | undefined {
  const decimal = toDecimal(value);
  if (!decimal?.exact) return undefined;
  const { minor, scale } = toMinorUnits(decimal.text, 2);
  return scale <= 18 ? { minor, scale, currency: NO_CURRENCY } : undefined;
}

function dateOf(value: string | null | undefined): string | undefined {
  return value ? DATE.exec(value.trim())?.[1] : undefined;
}

function instantOf(value: string | null | undefined): string | undefined {
  return value && !Number.isNaN(Date.parse(value)) ? value : undefined;
}

/**
 * A deal in the model. Hindsight sends ids only for owners (no user list is documented), so the
 * owner is named by its id. `proposal_due` is "Expected or actual close date". Type, region,
 * scores, drivers, competitors and CRM ids are read-only custom values.
 */
export function toModelDeal(deal: HsDeal, context: MapContext): Deal {
  const stageId = deal.status_id;
  const ownerId = deal.owner_id;
  return {
    id: deal.id,
    name: deal.name ?? '',
    pipelineId: PIPELINE_ID,
    stageId,
    amount: amountOf(deal.amount),
    owner: ownerId ? { id: ownerId, name: ownerId } : undefined,
    expectedClose: dateOf(deal.proposal_due),
    outcome: stageId ? context.outcomeOf(stageId) : 'unknown',
    createdAt: instantOf(deal.created_at),
    updatedAt: instantOf(deal.updated_at),
    webUrl: context.dealUrl?.(deal.id),
    custom: customValues(deal),
  };
}

/** The whole record flattened, plus the one note about the amount's missing currency. */
export function rawOf(deal: HsDeal): Record<string, unknown> {
  const raw = flattenRecord(deal);
  if (deal.amount !== null && deal.amount !== undefined) raw[AMOUNT_NOTE_KEY] = AMOUNT_NOTE;
  return raw;
}

/**
 * A stage's sum, only when this page is the whole stage and every amount on it could be read
 * exactly; deals without an amount add nothing. Stage ids are filtered server-side, so the page
 * is the whole stage when it is the first and shorter than a full page.
 */
export function exactTotals(records: readonly HsDeal[], deals: readonly Deal[], wholeStage: boolean): Money[] | undefined {
  if (!wholeStage) return undefined;
  const unreadable = records.some((r, i) => r.amount !== null && r.amount !== undefined && !deals[i]?.amount);
  return unreadable ? undefined : totalsByCurrency(deals.map((d) => d.amount));
}
