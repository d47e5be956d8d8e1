import type { PersonRef } from '../../../model';
import type { StoredDeal } from '../schemas';
import { MARKUP_COMPANY_NAME, type SampleCompany } from './companies';
import { generateCustomValues } from './custom-values';
import { generateDealShape } from './deal-shapes';
import { dayOffset, instantBefore } from './dates';
import { NEW_BUSINESS, PIPELINE_PLANS, type SamplePipelineId } from './pipelines';
import type { Prng } from './prng';

const MINUTES_PER_DAY = 1440;
const MARKUP_STAGE = 'stage-nb-qualified';
const RECORD_SOURCES = ['Web form', 'CSV import', 'API', 'Manual entry', 'Email sync'] as const;
const PROBABILITY_NUDGES = [-10, -5, 0, 0, 0, 5, 10] as const;

/** A generated deal with what its tasks need to know about it. */
export interface GeneratedDeal {
  deal: StoredDeal;
  contactFirstName: string;
}

function describe(rng: Prng, company: SampleCompany, contactName: string, title: string): string | undefined {
  if (rng.chance(0.2)) return undefined;
  return rng.pick([
    `${company.industry} company evaluating us against their current tooling. Champion: ${contactName} (${title}).`,
    `Inbound after the webinar. ${contactName} owns the budget.\nDecision expected this quarter.`,
    `Expansion opportunity at ${company.name}; they already use the Core Platform in one team.`,
    `${title} ${contactName} asked for pricing in ${company.region === 'EU' ? 'EUR' : 'USD'} and a security questionnaire.`,
  ]);
}

interface StageRef {
  pipelineId: SamplePipelineId;
  stageId: string;
  outcome: 'open' | 'won' | 'lost';
  probability: number;
  order: number;
  count: number;
}

function stagesToFill(): StageRef[] {
  return PIPELINE_PLANS.flatMap((pipeline) =>
    pipeline.stages.map((stage, order) => ({
      pipelineId: pipeline.id as SamplePipelineId,
      stageId: stage.id,
      outcome: stage.outcome,
      probability: stage.probability,
      order,
      count: stage.dealCount,
    })),
  );
}

function generateDeal(
  rng: Prng,
  today: Date,
  stage: StageRef,
  number: number,
  company: SampleCompany,
  users: readonly PersonRef[],
  isMarkupDeal: boolean,
): GeneratedDeal {
  const id = `deal-${String(number).padStart(4, '0')}`;
  const contact = rng.pick(company.contacts);
  const owner = rng.pick(users);
  const currency = company.region === 'EU' ? 'EUR' : 'USD';
  const shape = generateDealShape(rng, stage.pipelineId, company.name, currency, today.getUTCFullYear() + 1);
  const closed = stage.outcome !== 'open';
  // Open deals close from a month ago (slipped) to six months out; closed ones closed in the past half year.
  const closeOffsetDays = closed ? -rng.int(1, 180) : rng.int(-30, 180);
  const createdMinutesAgo = closed
    ? (-closeOffsetDays + rng.int(30, 200)) * MINUTES_PER_DAY + rng.int(0, MINUTES_PER_DAY)
    : rng.int(MINUTES_PER_DAY, 365 * MINUTES_PER_DAY);
  const updatedMinutesAgo = rng.int(1, createdMinutesAgo);
  const probability = closed
    ? stage.probability
    : Math.min(95, Math.max(5, stage.probability + rng.pick(PROBABILITY_NUDGES)));
  const description = describe(rng, company, contact.name, contact.title);
  const custom = generateCustomValues(rng, today, {
    dealId: id,
    companyDomain: company.domain,
    region: company.region,
    contactFirstName: contact.firstName,
    currency,
    amount: shape.amount,
    seats: shape.seats,
    owner,
    users,
    closeOffsetDays,
    pastDemo: stage.pipelineId !== NEW_BUSINESS || stage.order >= 2,
  });
  const deal: StoredDeal = {
    id,
    name: isMarkupDeal ? MARKUP_COMPANY_NAME : shape.name,
    pipelineId: stage.pipelineId,
    stageId: stage.stageId,
    ...(shape.amount && !(stage.order === 0 && rng.chance(0.15)) ? { amount: shape.amount } : {}),
    ...(shape.amountPeriod ? { amountPeriod: shape.amountPeriod } : {}),
    owner: { ...owner },
    company: { id: company.id, name: company.name },
    contact: { id: contact.id, name: contact.name },
    expectedClose: dayOffset(today, closeOffsetDays),
    outcome: stage.outcome,
    probability,
    ...(description ? { description } : {}),
    createdAt: instantBefore(today, createdMinutesAgo),
    updatedAt: instantBefore(today, updatedMinutesAgo),
    source: rng.pick(RECORD_SOURCES),
    ...(rng.chance(0.85) ? { lastActivityAt: instantBefore(today, rng.int(1, updatedMinutesAgo)) } : {}),
    custom,
  };
  return { deal, contactFirstName: contact.firstName };
}

/** Fills every stage with its planned number of deals; one deal carries the markup test name. */
export function generateDeals(
  rng: Prng,
  today: Date,
  companies: readonly SampleCompany[],
  users: readonly PersonRef[],
): GeneratedDeal[] {
  const markupCompany = companies.find((c) => c.name === MARKUP_COMPANY_NAME);
  const ordinaryCompanies = companies.filter((c) => c !== markupCompany);
  const deals: GeneratedDeal[] = [];
  for (const stage of stagesToFill()) {
    for (let i = 0; i < stage.count; i++) {
      const isMarkupDeal = markupCompany !== undefined && stage.stageId === MARKUP_STAGE && i === 0;
      const company = isMarkupDeal && markupCompany ? markupCompany : rng.pick(ordinaryCompanies);
      deals.push(generateDeal(rng, today, stage, deals.length + 1, company, users, isMarkupDeal));
    }
  }
  return deals;
}
