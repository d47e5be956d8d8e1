import type { Deal, Money } from '../../../model';
import { NEW_BUSINESS, PARTNERSHIPS, RENEWALS, type SamplePipelineId } from './pipelines';
import type { Prng } from './prng';

/** What kind of deal this is: its name, value and billing period follow from the pipeline. */
export interface DealShape {
  name: string;
  amount?: Money;
  amountPeriod?: Deal['amountPeriod'];
  /** Set for seat-based deals; also fills the "Seats" custom field. */
  seats?: number;
  product: string;
}

/** Yearly list prices per seat in cents; 479.88 gives the odd cents real quotes have. */
const SEAT_PRICES_CENTS = [29_900n, 42_000n, 58_800n, 47_988n] as const;

function cents(units: bigint, currency: string): Money {
  return { minor: units.toString(), scale: 2, currency };
}

function wholeDollars(rng: Prng, min: number, max: number, step: number): bigint {
  return BigInt(Math.round(rng.int(min, max) / step) * step) * 100n;
}

function newBusinessShape(rng: Prng, company: string, currency: string): DealShape {
  const roll = rng.next();
  if (roll < 0.55) {
    const seats = rng.pick([5, 10, 12, 25, 40, 50, 75, 120, 150, 200, 250, 400, 500]);
    const name = rng.chance(0.25) ? `${company} — ${seats} seats (expansion)` : `${company} — ${seats} seats`;
    const amount = cents(BigInt(seats) * rng.pick(SEAT_PRICES_CENTS), currency);
    return { name, seats, product: 'seats', amountPeriod: 'annual', amount };
  }
  if (roll < 0.7) {
    const amount = cents(wholeDollars(rng, 250_000, 4_800_000, 1000), currency);
    return { name: `${company} — Enterprise plan`, product: 'enterprise', amountPeriod: 'annual', amount };
  }
  if (roll < 0.85) {
    const amount = cents(wholeDollars(rng, 5_000, 25_000, 500), currency);
    return { name: `${company} pilot`, product: 'pilot', amountPeriod: 'one_time', amount };
  }
  const amount = cents(wholeDollars(rng, 900, 9_000, 50), currency);
  return { name: `${company} — Analytics add-on`, product: 'analytics', amountPeriod: 'monthly', amount };
}

function renewalShape(rng: Prng, company: string, currency: string, fiscalYear: number): DealShape {
  const yy = String(fiscalYear % 100).padStart(2, '0');
  const name = rng.pick([`${company} renewal FY${yy}`, `${company} renewal FY${yy} — upsell`, `${company} multi-year renewal`]);
  // Renewals carry last year's negotiated figure, so odd cents are common.
  const amount = wholeDollars(rng, 12_000, 400_000, 1) + BigInt(rng.chance(0.15) ? rng.int(1, 99) : 0);
  return { name, product: 'renewal', amountPeriod: 'annual', amount: cents(amount, currency) };
}

function partnershipShape(rng: Prng, company: string, currency: string): DealShape {
  const name = rng.pick([
    `${company} reseller agreement`,
    `${company} referral partnership`,
    `${company} — integration partnership`,
    `${company} co-marketing`,
  ]);
  if (rng.chance(0.25)) return { name, product: 'partnership' };
  return { name, product: 'partnership', amountPeriod: 'one_time', amount: cents(wholeDollars(rng, 20_000, 1_200_000, 5000), currency) };
}

export function generateDealShape(
  rng: Prng,
  pipelineId: SamplePipelineId,
  company: string,
  currency: string,
  fiscalYear: number,
): DealShape {
  switch (pipelineId) {
    case NEW_BUSINESS:
      return newBusinessShape(rng, company, currency);
    case RENEWALS:
      return renewalShape(rng, company, currency, fiscalYear);
    case PARTNERSHIPS:
      return partnershipShape(rng, company, currency);
  }
}
