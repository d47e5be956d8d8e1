import { rescale, type Money } from '../model';

/** An amount and the chance (0–100) that it closes. */
export interface Weighted {
  amount: Money;
  probability: number;
}

/**
 * Σ amount × probability per currency, exact: amounts become basis points of minor units at the
 * currency's largest scale, and each currency's sum is rounded once, half away from zero.
 */
export function weightedTotals(items: Iterable<Weighted>): Money[] {
  const sums = new Map<string, { scale: number; basisPoints: bigint }>();
  for (const { amount, probability } of items) {
    const points = BigInt(Math.round(probability * 100));
    const current = sums.get(amount.currency);
    const scale = Math.max(current?.scale ?? 0, amount.scale);
    const previous = current ? current.basisPoints * 10n ** BigInt(scale - current.scale) : 0n;
    const added = BigInt(rescale(amount, scale).minor) * points;
    sums.set(amount.currency, { scale, basisPoints: previous + added });
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, { scale, basisPoints }]) => ({ currency, scale, minor: divideRounded(basisPoints, 10_000n).toString() }));
}

/** Multiplies exact totals by one probability (a stage's, applying to every deal in it). */
export function scaleTotals(totals: readonly Money[], probability: number): Money[] {
  return weightedTotals(totals.map((amount) => ({ amount, probability })));
}

function divideRounded(value: bigint, divisor: bigint): bigint {
  const half = divisor / 2n;
  return value >= 0n ? (value + half) / divisor : -((-value + half) / divisor);
}
