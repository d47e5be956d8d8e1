import { SeededRandom } from '../kit/seeded-random';
import { stagePlan } from '../kit/stages';
import type { HsCompetitorRecord, HsDealRecord, HsDriverRecord, FakeState } from './types';

/** Seeded dates count back from here, so a seed always gives the same data. */
export const SEED_NOW_MS = Date.parse('2026-03-14T15:00:00Z');
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** The stage values, as Hindsight stores the CRM's: lower-case ids and "Closed Won"-style names mixed (seed and notes). */
export const STAGES = {
  qualification: 'qualification',
  discovery: 'discovery',
  proposal: 'proposal',
  negotiation: 'negotiation',
  won: 'Closed Won',
  lost: 'Closed Lost',
  onHold: 'On Hold',
} as const;

/** Share of deals per stage; a win-loss tool holds mostly closed deals. */
const STAGE_WEIGHTS: [string, number][] = [
  [STAGES.won, 0.28],
  [STAGES.lost, 0.33],
  [STAGES.negotiation, 0.12],
  [STAGES.proposal, 0.11],
  [STAGES.discovery, 0.09],
  [STAGES.qualification, 0.06],
  [STAGES.onHold, 0.01],
];

/** Where deals in each stage came from (`previous_status_id`), for a funnel. */
const PREVIOUS: Record<string, (string | null)[]> = {
  [STAGES.qualification]: [null],
  [STAGES.discovery]: [STAGES.qualification],
  [STAGES.proposal]: [STAGES.discovery],
  [STAGES.negotiation]: [STAGES.proposal],
  [STAGES.won]: [STAGES.negotiation, STAGES.negotiation, STAGES.proposal],
  [STAGES.lost]: [STAGES.negotiation, STAGES.proposal, STAGES.discovery],
  [STAGES.onHold]: [STAGES.proposal],
};

export const OWNERS = ['user_dana', 'user_marco', 'user_priya', 'user_tom'];
const COMPANIES = [
  'Acme Corp', 'Globex', 'Initech', 'Umbrella', 'Hooli', 'Stark Industries', 'Wayne Enterprises', 'Soylent',
  'Wonka Industries', 'Tyrell', 'Cyberdyne', 'Vandelay Industries', 'Pied Piper', 'Massive Dynamic', 'Oscorp',
  'Aperture Science', 'Gringotts', 'Duff Brewing', 'Nakatomi', 'Monarch Solutions',
];
const PRODUCTS = ['Enterprise License', 'Renewal FY26', 'Pilot', 'Platform', 'Expansion Seats', 'Analytics Add-on', 'Security Suite'];
const TYPES = ['New Business', 'New Business', 'Expansion', 'Renewal'];
const REGIONS = ['North America', 'North America', 'EMEA', 'APAC', 'LATAM', null];
const INDUSTRIES = ['Technology', 'Healthcare', 'Financial Services', 'Manufacturing', 'Retail'];
const COMPETITORS = ['comp_northwind', 'comp_vantage', 'comp_legacyone', 'comp_brightpath'];
const POSITIONING = ['Main competitor evaluation', 'Cheaper point solution', 'Incumbent with a multi-year contract'];

const POSITIVE_DRIVERS: [string, string][] = [
  ['reason_integrations', 'Native Salesforce sync was decisive.'],
  ['reason_product_fit', 'Strong product fit for the analytics team.'],
  ['reason_champion', 'The VP of Sales championed us internally.'],
  ['reason_support', 'Onboarding support impressed the evaluation team.'],
];
const NEGATIVE_DRIVERS: [string, string][] = [
  ['reason_pricing', 'Buyer flagged 20% price gap vs incumbent.'],
  ['reason_timeline', 'Implementation timeline was too long for Q2.'],
  ['reason_security', 'Security review stalled over SSO requirements.'],
  ['reason_switching_cost', "Migration cost could not be justified this year."],
];

/** A deal whose amount has 15 significant digits: still exact through JSON.parse. */
export const LARGE_AMOUNT_DEAL_INDEX = 3;
export const LARGE_AMOUNT = 1234567890123.45;
/** A deal with no amount at all. */
export const NO_AMOUNT_DEAL_INDEX = 5;

/** The seeded source with the two draws only Hindsight's data needs. */
class Rng extends SeededRandom {
  weighted(items: readonly [string, number][]): string {
    let r = this.next();
    for (const [item, weight] of items) {
      if (r < weight) return item;
      r -= weight;
    }
    return items[0]![0];
  }
  /** A number of `length` digits with no leading zero (HubSpot ids). */
  digits(length: number): string {
    let out = String(this.int(1, 9));
    while (out.length < length) out += String(this.int(0, 9));
    return out;
  }
}

const score = (rng: Rng): number => rng.int(10, 50) / 10;
const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const isoSecond = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function drivers(rng: Rng, won: boolean): HsDriverRecord[] {
  const count = rng.int(1, 4);
  const out: HsDriverRecord[] = [];
  for (let i = 0; i < count; i++) {
    const positive = rng.chance(won ? 0.75 : 0.25);
    const [reason_id, summary] = rng.pick(positive ? POSITIVE_DRIVERS : NEGATIVE_DRIVERS);
    if (!out.some((d) => d.reason_id === reason_id)) out.push({ reason_id, positive, summary });
  }
  return out;
}

function competitors(rng: Rng): HsCompetitorRecord[] {
  const count = rng.int(0, 3);
  const shuffled = [...COMPETITORS];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
  }
  const picked = shuffled.slice(0, count);
  return picked.map((competitor_id, index) => ({
    competitor_id,
    is_primary: index === 0,
    is_incumbent: index === count - 1 && count > 1 && rng.chance(0.6),
    ...(rng.chance(0.5) ? { positioning_summary: rng.pick(POSITIONING) } : {}),
  }));
}

function amount(rng: Rng, index: number): number | null {
  if (index === NO_AMOUNT_DEAL_INDEX) return null;
  if (index === LARGE_AMOUNT_DEAL_INDEX) return LARGE_AMOUNT;
  const whole = rng.int(4, 480) * 500;
  // Some amounts carry cents, as a CRM's currency field does.
  return rng.chance(0.15) ? whole + rng.int(1, 99) / 100 : whole;
}

/** With `stages`, exactly that many status values (the open ones, generated `stage_6`…, then won and lost). */
function statusesFor(stages: number): string[] {
  const closed = [STAGES.won, STAGES.lost];
  const open = [STAGES.qualification, STAGES.discovery, STAGES.proposal, STAGES.negotiation, STAGES.onHold];
  return stagePlan(open, closed, stages, (n) => `stage_${n}`);
}

/**
 * `deals` generated deals, newest first by `created_at` (Hindsight's default order). Stages are the
 * distinct statuses: weighted like a win-loss tool's by default, or with `stages` spread evenly over that many.
 */
export function seedState(seed: number, dealCount: number, stages?: number): FakeState {
  const rng = new Rng(seed);
  const statuses = stages === undefined ? undefined : statusesFor(stages);
  const deals: HsDealRecord[] = [];
  for (let i = 0; i < dealCount; i++) {
    const status = statuses ? statuses[i % statuses.length]! : rng.weighted(STAGE_WEIGHTS);
    const closed = status === STAGES.won || status === STAGES.lost;
    const analyzed = rng.chance(closed ? 0.85 : 0.1);
    const createdMs = SEED_NOW_MS - i * 7 * HOUR_MS - rng.int(0, 3 * HOUR_MS);
    const crm = rng.int(0, 2);
    const company = COMPANIES[i % COMPANIES.length]!;
    const round = Math.floor(i / COMPANIES.length);
    const deal: HsDealRecord = {
      id: `deal_${1000 + i}`,
      name: `${company}${round ? ` ${round + 1}` : ''} - ${rng.pick(PRODUCTS)}`,
      amount: amount(rng, i),
      status_id: status,
      previous_status_id: rng.pick(PREVIOUS[status] ?? [null]),
      proposal_due: rng.chance(0.85) ? isoDay(createdMs + rng.int(14, 120) * DAY_MS) : null,
      created_at: isoSecond(createdMs),
      owner_id: rng.chance(0.95) ? rng.pick(OWNERS) : null,
      salesforce_id: crm === 0 ? `0065g00000${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 5)}AAB` : null,
      hubspot_id: crm === 1 ? rng.digits(10) : null,
      deal_analyzed: analyzed,
      analysis_verified: analyzed && rng.chance(0.5),
      type: rng.pick(TYPES),
      region: rng.pick(REGIONS),
      deal_competitor_associations: competitors(rng),
      drivers: analyzed ? drivers(rng, status === STAGES.won) : [],
      wl_product_fit_score: analyzed ? score(rng) : null,
      wl_sales_execution_score: analyzed ? score(rng) : null,
      wl_relationship_score: analyzed ? score(rng) : null,
      industry: rng.pick(INDUSTRIES),
    };
    if (analyzed && rng.chance(0.4)) {
      deal.wl_price_sensitivity_score = score(rng);
      deal.wl_competitive_intensity_score = score(rng);
    }
    deals.push(deal);
  }
  return { deals };
}
