import { type Deal, type FieldValue, type Money, type Outcome, type Pipeline, type Stage, totalsByCurrency } from '../../model';
import { dayInZone } from './dates';
import { readFieldValue, type TwentyField } from './fields';
import type { TwentyMetadata } from './metadata';
import { microsToMoney } from './money';
import { type NameBook, nameText } from './names';
import type { OptionMeta, TwentyOpportunity } from './schemas';

/** Twenty has no pipeline object: the one pipeline is opportunity's `stage` SELECT field, named by it. */
export const PIPELINE_ID = 'stage';

export const INFERRED_NOTE = "Stages inferred from records: this key cannot read Twenty's metadata";

/** Twenty's standard stage options, for labels and order when stages are inferred. */
const STANDARD_STAGES: readonly { value: string; label: string; color: string }[] = [
  { value: 'NEW', label: 'New', color: 'red' },
  { value: 'SCREENING', label: 'Screening', color: 'purple' },
  { value: 'MEETING', label: 'Meeting', color: 'sky' },
  { value: 'PROPOSAL', label: 'Proposal', color: 'turquoise' },
  { value: 'CUSTOMER', label: 'Customer', color: 'yellow' },
];

export type StageOutcomes = Readonly<Record<string, 'won' | 'lost'>> | undefined;

/**
 * Twenty's stages carry no won/lost. The account's `stageOutcomes` (a local setting) says which
 * are; once any is mapped, the others are open. With no mapping at all the outcome is `unknown`:
 * Twenty does not say, and guessing "open" would call a "Customer" stage open.
 */
export function outcomeOf(stage: string | null | undefined, outcomes: StageOutcomes): Outcome {
  const mapped = stage ? outcomes?.[stage] : undefined;
  if (mapped) return mapped;
  return outcomes && Object.keys(outcomes).length ? 'open' : 'unknown';
}

/** `CLOSED_WON` → "Closed won": the label of a stage seen only as a value. */
export function humanize(value: string): string {
  const words = value.replace(/[_-]+/g, ' ').trim().toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : value;
}

function toStage(option: OptionMeta, index: number, outcomes: StageOutcomes): Stage {
  return {
    id: option.value,
    pipelineId: PIPELINE_ID,
    name: option.label?.trim() || humanize(option.value),
    order: typeof option.position === 'number' ? option.position : index,
    outcome: outcomeOf(option.value, outcomes),
    ...(option.color ? { color: option.color } : {}),
  };
}

export function toPipeline(meta: TwentyMetadata, outcomes: StageOutcomes): Pipeline {
  return { id: PIPELINE_ID, name: meta.pipelineName, order: 0, stages: meta.stageOptions.map((o, i) => toStage(o, i, outcomes)) };
}

/** Stages seen on records, Twenty's standard ones first in their order, the others as first seen. */
export function inferredPipeline(seen: readonly string[], outcomes: StageOutcomes): Pipeline {
  const distinct = [...new Set(seen.filter((s) => s.trim() !== ''))];
  const standard = STANDARD_STAGES.filter((s) => distinct.includes(s.value));
  const others = distinct.filter((s) => !STANDARD_STAGES.some((std) => std.value === s)).map((value) => ({ value, label: humanize(value) }));
  const options: OptionMeta[] = [...standard, ...others].map((s, position) => ({ ...s, position }));
  return {
    id: PIPELINE_ID,
    name: 'Opportunities',
    order: 0,
    stages: options.map((o, i) => toStage(o, i, outcomes)),
    note: INFERRED_NOTE,
  };
}

export interface DealContext {
  names: NameBook;
  outcomes: StageOutcomes;
  fields: readonly TwentyField[];
  timeZone: string;
}

function ref(id: string | null | undefined, embedded: { id: string; name?: unknown } | null | undefined, known: ReadonlyMap<string, { id: string; name: string }>) {
  const key = id ?? embedded?.id;
  if (!key) return undefined;
  const name = embedded?.id === key ? nameText(embedded.name) : undefined;
  return name ? { id: key, name } : known.get(key);
}

/** Old workspaces' TEXT `probability` ("0" by default): shown only when it says something. */
function probabilityOf(value: string | number | null | undefined): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n > 0 && n <= 100 ? n : undefined;
}

/** Learns the names a depth-1 record carries, so later depth-0 reads can show them. */
export function learnNames(record: TwentyOpportunity, names: NameBook): void {
  const company = record.company && nameText(record.company.name);
  if (record.company && company) names.companies.set(record.company.id, { id: record.company.id, name: company });
  const person = record.pointOfContact && nameText(record.pointOfContact.name);
  if (record.pointOfContact && person) names.people.set(record.pointOfContact.id, { id: record.pointOfContact.id, name: person });
}

/**
 * An opportunity in the model. `amount` is exact micros (scale 6); `closeDate` (an instant) becomes
 * the day it falls on in the extension's time zone; `ownerId` (newest builds) is a workspace member;
 * `pointOfContact` is a person, shown as the contact.
 */
export function toModelDeal(record: TwentyOpportunity, ctx: DealContext): Deal {
  const ownerKey = record.ownerId ?? record.owner?.id;
  const embeddedOwner = record.owner && nameText(record.owner.name);
  const owner = ownerKey
    ? (embeddedOwner && record.owner?.id === ownerKey ? { id: ownerKey, name: embeddedOwner } : ctx.names.members.get(ownerKey)) ??
      { id: ownerKey, name: `Member ${ownerKey.slice(0, 8)}` }
    : undefined;
  const custom: Record<string, FieldValue> = {};
  for (const field of ctx.fields) {
    const value = readFieldValue(field, record);
    if (value) custom[field.def.key] = value;
  }
  const probability = probabilityOf(record.probability);
  return {
    id: record.id,
    name: record.name ?? '',
    pipelineId: PIPELINE_ID,
    ...(record.stage ? { stageId: record.stage } : {}),
    ...(microsToMoney(record.amount) ? { amount: microsToMoney(record.amount)! } : {}),
    ...(owner ? { owner } : {}),
    ...optional('company', ref(record.companyId, record.company, ctx.names.companies)),
    ...optional('contact', ref(record.pointOfContactId, record.pointOfContact, ctx.names.people)),
    ...optional('expectedClose', record.closeDate ? dayInZone(record.closeDate, ctx.timeZone) : undefined),
    outcome: outcomeOf(record.stage, ctx.outcomes),
    ...optional('probability', probability),
    ...optional('createdAt', record.createdAt ?? undefined),
    ...optional('updatedAt', record.updatedAt ?? undefined),
    custom,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/**
 * Twenty gives no sums: a stage's totals are exact only when its first page holds every deal.
 * Deals without an amount add nothing (Twenty's amount is empty, not hidden).
 */
export function exactTotals(deals: readonly Deal[], firstPage: boolean, hasMore: boolean): Money[] | undefined {
  if (!firstPage || hasMore) return undefined;
  return totalsByCurrency(deals.map((d) => d.amount));
}
