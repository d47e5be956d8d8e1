import type { FieldValue, Money, PersonRef } from '../../../model';
import { dayOffset, instantOnDay } from './dates';
import { FIELD } from './field-defs';
import type { Prng } from './prng';

export interface CustomValueInput {
  dealId: string;
  companyDomain: string;
  region: 'US' | 'EU';
  contactFirstName: string;
  currency: string;
  amount?: Money;
  seats?: number;
  owner: PersonRef;
  users: readonly PersonRef[];
  /** Days from the generation day to the deal's expected close. */
  closeOffsetDays: number;
  /** Whether the deal got far enough for a demo. */
  pastDemo: boolean;
}

const USE_CASES = [
  'Replace spreadsheets for pipeline reviews',
  'Consolidate three regional CRMs',
  'Forecasting for the board',
  'Partner portal for resellers',
  'Customer success handover',
  'Usage-based billing insights',
  'Field sales on mobile',
] as const;

const NEXT_STEPS = [
  'Send revised quote\nBook technical deep-dive with IT',
  'Legal review of the MSA.\nProcurement wants a 3-year price lock.',
  'Waiting on budget approval from the CFO',
  'Intro to their security team; share SOC 2 report',
  'Pilot success criteria agreed — check in after week 2',
] as const;

const DISCOUNTS = ['0', '5', '10', '12.5', '15', '20'] as const;

function budgetNear(rng: Prng, amount: Money | undefined, currency: string): Money {
  const base = amount ? BigInt(amount.minor) : BigInt(rng.int(10_000, 500_000)) * 100n;
  const percent = BigInt(rng.int(80, 150));
  // Budgets are round figures: to the hundred in the deal's currency.
  const rounded = ((base * percent) / 100n / 10_000n) * 10_000n;
  return { minor: (rounded > 0n ? rounded : 10_000n).toString(), scale: 2, currency };
}

function phoneFor(rng: Prng, region: 'US' | 'EU'): string {
  const line = String(rng.int(100, 199)).padStart(4, '0');
  return region === 'US' ? `+1 415 555 ${line}` : `+49 30 5550 ${line}`;
}

/** Realistic values for most custom fields; the ones left out stay absent (empty). */
export function generateCustomValues(rng: Prng, today: Date, input: CustomValueInput): Record<string, FieldValue> {
  const custom: Record<string, FieldValue> = {};
  if (rng.chance(0.75)) custom[FIELD.useCase] = { kind: 'text', value: rng.pick(USE_CASES) };
  if (rng.chance(0.6)) custom[FIELD.nextSteps] = { kind: 'textarea', value: rng.pick(NEXT_STEPS) };
  if (input.seats !== undefined) custom[FIELD.seats] = { kind: 'number', value: String(input.seats) };
  else if (rng.chance(0.3)) custom[FIELD.seats] = { kind: 'number', value: String(rng.int(3, 900)) };
  if (rng.chance(0.5)) custom[FIELD.budget] = { kind: 'money', value: budgetNear(rng, input.amount, input.currency) };
  if (rng.chance(0.45)) custom[FIELD.discount] = { kind: 'percent', value: rng.pick(DISCOUNTS) };
  if (rng.chance(0.5)) {
    custom[FIELD.contractStart] = { kind: 'date', value: dayOffset(today, input.closeOffsetDays + rng.int(1, 30)) };
  }
  if (input.pastDemo && rng.chance(0.8)) {
    const demoDay = Math.min(-1, input.closeOffsetDays - rng.int(7, 45));
    custom[FIELD.demoAt] = { kind: 'datetime', value: instantOnDay(today, demoDay, rng.int(8, 17), rng.pick([0, 30])) };
  }
  if (rng.chance(0.7)) custom[FIELD.securityReview] = { kind: 'boolean', value: rng.chance(0.4) };
  if (rng.chance(0.85)) {
    custom[FIELD.leadSource] = { kind: 'select', value: rng.pick(['website', 'referral', 'outbound', 'event', 'partner']) };
  }
  if (rng.chance(0.65)) {
    const choices = ['core', 'analytics', 'api', 'support', 'sso', ...(input.region === 'EU' ? ['eu-residency'] : [])];
    custom[FIELD.products] = { kind: 'multiselect', value: rng.sample(choices, rng.int(1, 3)) };
  }
  if (rng.chance(0.5)) {
    const engineers = input.users.filter((u) => u.id !== input.owner.id);
    custom[FIELD.salesEngineer] = { kind: 'user', value: { ...rng.pick(engineers) } };
  }
  if (rng.chance(0.4)) {
    custom[FIELD.proposalUrl] = { kind: 'url', value: `https://docs.sample-crm.example/proposals/${input.dealId}` };
  }
  if (rng.chance(0.55)) {
    const mailbox = rng.pick(['billing', 'accounts.payable', input.contactFirstName.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '')]);
    custom[FIELD.billingEmail] = { kind: 'email', value: `${mailbox}@${input.companyDomain}` };
  }
  if (rng.chance(0.5)) custom[FIELD.buyerPhone] = { kind: 'phone', value: phoneFor(rng, input.region) };
  if (rng.chance(0.9)) custom[FIELD.healthScore] = { kind: 'number', value: String(rng.int(12, 98)) };
  return custom;
}
