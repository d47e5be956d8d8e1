import type { Deal, Outcome, PersonRef, Pipeline, Stage } from '../../model';
import { customValues } from './custom-attributes';
import type { SpottClientContact, SpottOpportunity, SpottPerson, SpottStage } from './schemas';

/** Spott has one opportunity pipeline; it has no id of its own in the API. */
export const PIPELINE_ID = 'opportunities';
export const PIPELINE_NAME = 'Opportunities';
export const PIPELINE_NOTE =
  "Spott's API lists no opportunity stages, so these are the stages your opportunities are in now; a stage with no opportunities is not shown.";

/** The account's local won/lost mapping for closed stages, by stage id or name. */
export type StageOutcomes = Readonly<Record<string, 'won' | 'lost'>> | undefined;

/**
 * An open stage is open. A closed stage (`isOpen: false`) is won or lost as the account's
 * `stageOutcomes` setting says (by stage id, else by name, else by name in any case); Spott itself
 * does not say which, so without a setting it is `unknown`.
 */
export function stageOutcome(stage: SpottStage, outcomes: StageOutcomes): Outcome {
  if (stage.isOpen) return 'open';
  if (!outcomes) return 'unknown';
  const byName = Object.entries(outcomes).find(([key]) => key.toLowerCase() === stage.name.toLowerCase())?.[1];
  return outcomes[stage.id] ?? outcomes[stage.name] ?? byName ?? 'unknown';
}

export function toModelStage(stage: SpottStage, outcomes: StageOutcomes): Stage {
  return { id: stage.id, pipelineId: PIPELINE_ID, name: stage.name, order: stage.order, outcome: stageOutcome(stage, outcomes) };
}

/** The distinct stages of the given opportunities in Spott's `order` (the last copy of a stage wins: lists run oldest first). */
export function stagesOf(opportunities: readonly SpottOpportunity[], outcomes: StageOutcomes): Stage[] {
  const byId = new Map<string, SpottStage>();
  for (const opportunity of opportunities) byId.set(opportunity.stage.id, opportunity.stage);
  return [...byId.values()]
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name) || a.id.localeCompare(b.id))
    .map((s) => toModelStage(s, outcomes));
}

export function toPipeline(stages: Stage[]): Pipeline {
  return { id: PIPELINE_ID, name: PIPELINE_NAME, order: 0, stages, note: PIPELINE_NOTE };
}

export function toPersonRef(person: SpottPerson): PersonRef {
  return { id: person.id, name: person.name?.trim() || `User ${person.id}` };
}

export function contactName(contact: SpottClientContact): string {
  const parts = [contact.firstName, contact.middleName, contact.lastName, contact.secondLastName];
  const name = parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ').trim();
  return name || contact.jobTitle?.trim() || `Contact ${contact.id}`;
}

/** An ISO instant's calendar day in UTC: Spott's close date is a date-time, and the docs show it at midnight UTC. */
export function dayOf(instant: string | null | undefined): string | undefined {
  if (!instant) return undefined;
  const plain = /^(\d{4}-\d{2}-\d{2})$/.exec(instant.trim());
  if (plain) return plain[1];
  const ms = Date.parse(instant);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString().slice(0, 10);
}

function nonEmpty(value: string | null | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * An opportunity in the model. Spott documents no amount on opportunities, so `amount` stays
 * empty (never invented); won/lost comes from the stage; the contact is the first person of the
 * client team. `updatedAt` is read only if Spott sends a modification time (not documented).
 */
export function toModelDeal(opportunity: SpottOpportunity, outcomes: StageOutcomes): Deal {
  const owner = opportunity.owner;
  const company = opportunity.company;
  const contact = opportunity.clientTeam?.[0];
  return {
    id: opportunity.id,
    name: opportunity.name,
    pipelineId: PIPELINE_ID,
    stageId: opportunity.stage.id,
    owner: owner ? toPersonRef(owner) : undefined,
    company: company ? { id: company.id, name: company.name?.trim() || `Company ${company.id}` } : undefined,
    contact: contact ? { id: contact.id, name: contactName(contact) } : undefined,
    expectedClose: dayOf(opportunity.closeDate?.target),
    outcome: stageOutcome(opportunity.stage, outcomes),
    description: nonEmpty(opportunity.description),
    createdAt: nonEmpty(opportunity.createdAt),
    updatedAt: nonEmpty(opportunity.modifiedAt) ?? nonEmpty(opportunity.updatedAt),
    custom: customValues(opportunity.customAttributes ?? []),
  };
}

/** People an opportunity can be given to: Spott lists no users, so these are the owners and assignees seen. */
export function knownUsers(people: Iterable<SpottPerson | null | undefined>): PersonRef[] {
  const byId = new Map<string, PersonRef>();
  for (const person of people) {
    if (!person || person.deactivatedAt) continue;
    byId.set(person.id, toPersonRef(person));
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}
