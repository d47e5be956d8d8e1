import { type Deal, type Money, MoneySchema, type Outcome, type Pipeline, type Stage } from '../../model';
import { type CloseFieldInfo, type NameLookup, readCustomValues } from './custom-fields';
import type { CloseOpportunity, CloseOpportunityList, ClosePipeline } from './schemas';
import { flattenInto } from '../shared/flatten';

/** Close's web app; the API base URL (or a fake's) says nothing about it. */
export const CLOSE_APP_URL = 'https://app.close.com';

const PERIODS = ['one_time', 'monthly', 'annual'] as const;
type Period = (typeof PERIODS)[number];

export function stageOutcome(type: string | null | undefined): Outcome {
  if (type === 'active') return 'open';
  if (type === 'won' || type === 'lost') return type;
  return 'unknown';
}

/** Pipelines in Close's order, stages in the order of each pipeline's `statuses`. */
export function toPipelines(pipelines: ClosePipeline[]): Pipeline[] {
  return pipelines.map((p, order) => ({
    id: p.id,
    name: p.name,
    order,
    stages: p.statuses.map((s, index): Stage => ({
      id: s.id,
      pipelineId: p.id,
      name: s.label,
      order: index,
      outcome: stageOutcome(s.type),
    })),
  }));
}

/** Where each status lives, for opportunities that do not carry `pipeline_id` (older records). */
export function indexStatuses(pipelines: Pipeline[]): Map<string, Stage> {
  const index = new Map<string, Stage>();
  for (const p of pipelines) for (const s of p.stages) index.set(s.id, s);
  return index;
}

/** Close's value is integer cents with an upper-case ISO currency. */
export function closeMoney(cents: number | null | undefined, currency: string | null | undefined): Money | undefined {
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents) || !currency) return undefined;
  const parsed = MoneySchema.safeParse({ minor: String(cents), scale: 2, currency: currency.toUpperCase() });
  return parsed.success ? parsed.data : undefined;
}

function period(value: string | null | undefined): Period | undefined {
  return PERIODS.find((p) => p === value);
}

/** `date_won` is a date; a datetime (the spec types it so) is cut to its day. */
function day(value: string | null | undefined): string | undefined {
  return value ? /^(\d{4}-\d{2}-\d{2})/.exec(value)?.[1] : undefined;
}

function person(id: string | null | undefined, name: string | null | undefined) {
  return id ? { id, name: name?.trim() || id } : undefined;
}

export interface DealMapContext {
  fields: ReadonlyMap<string, CloseFieldInfo>;
  names: NameLookup;
  stages: ReadonlyMap<string, Stage>;
}

/**
 * An opportunity as a Deal. Close opportunities have no name: the lead's name is shown.
 * `date_won` is Close's expected close date while the opportunity is open, the day it was won after.
 */
export function toDeal(opp: CloseOpportunity, ctx: DealMapContext): Deal {
  const stage = ctx.stages.get(opp.status_id);
  const outcome = opp.status_type ? stageOutcome(opp.status_type) : stage?.outcome ?? 'unknown';
  const confidence = typeof opp.confidence === 'number' && opp.confidence >= 0 && opp.confidence <= 100 ? opp.confidence : undefined;
  const deal: Deal = {
    id: opp.id,
    name: opp.lead_name?.trim() || opp.contact_name?.trim() || 'Opportunity',
    pipelineId: opp.pipeline_id ?? stage?.pipelineId,
    stageId: opp.status_id,
    amount: closeMoney(opp.value, opp.value_currency),
    amountPeriod: period(opp.value_period),
    owner: person(opp.user_id, opp.user_name),
    company: person(opp.lead_id, opp.lead_name),
    contact: person(opp.contact_id, opp.contact_name),
    expectedClose: day(opp.date_won),
    outcome,
    probability: confidence,
    description: opp.note ?? undefined,
    createdAt: opp.date_created ?? undefined,
    updatedAt: opp.date_updated ?? undefined,
    webUrl: opp.lead_id ? leadUrl(opp.lead_id) : undefined,
    custom: readCustomValues(opp, ctx.fields, ctx.names),
  };
  for (const key of Object.keys(deal) as (keyof Deal)[]) if (deal[key] === undefined) delete deal[key];
  return deal;
}

/** The lead page, where Close shows the lead's opportunities [UNCONFIRMED: no per-opportunity URL found]. */
export function leadUrl(leadId: string): string {
  // join makes one flat string; a template literal keeps three linked pieces per deal (~40 bytes more).
  return [CLOSE_APP_URL, '/lead/', encodeURIComponent(leadId), '/'].join('');
}

function cents(value: number | null | undefined): bigint | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : undefined;
}

/**
 * The stage's value from the list aggregates: `total_value_annualized` (one-time + annual + 12 ×
 * monthly, Close's own pipeline figure), computed from the per-period totals when it is absent.
 * Aggregates carry no currency: the caller passes the one currency all of them are in, or none
 * when the stage mixes currencies (then no total is shown rather than a wrong one).
 */
export function stageTotals(list: CloseOpportunityList, currency: string | undefined): Money[] | undefined {
  let total = cents(list.total_value_annualized);
  if (total === undefined) {
    const parts = [list.total_value_one_time, list.total_value_annual, list.total_value_monthly].map(cents);
    if (parts.some((p) => p === undefined)) return undefined;
    const [oneTime, annual, monthly] = parts as bigint[];
    total = oneTime! + annual! + 12n * monthly!;
  }
  if (total === 0n && !currency) return [];
  if (!currency) return undefined;
  const parsed = MoneySchema.safeParse({ minor: total.toString(), scale: 2, currency: currency.toUpperCase() });
  return parsed.success ? [parsed.data] : undefined;
}

/** Currencies of the page's valued opportunities. */
export function pageCurrencies(items: CloseOpportunity[]): Set<string> {
  const found = new Set<string>();
  for (const o of items) if (typeof o.value === 'number' && o.value !== 0 && o.value_currency) found.add(o.value_currency.toUpperCase());
  return found;
}


/** Every key Close returned, nested objects as dotted keys; `custom.cf_…` keys are already flat. */
export function rawRecord(opp: Record<string, unknown>): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(opp)) flattenInto(raw, key, value);
  return raw;
}
