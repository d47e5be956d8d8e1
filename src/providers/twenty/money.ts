import { type Money, MoneySchema, rescale } from '../../model';
import type { TwentyCurrency } from './schemas';

/** Twenty's CURRENCY unit: 1 = 1 000 000 micros. */
export const MICROS_SCALE = 6;

/** `amountMicros` as an exact integer string: a numeric string kept as is (never through a float), or an integer number. */
function microsText(value: TwentyCurrency['amountMicros']): string | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value).toString() : undefined;
  if (typeof value !== 'string') return undefined;
  const whole = /^(-?\d+)(?:\.0*)?$/.exec(value.trim())?.[1];
  return whole === undefined ? undefined : BigInt(whole).toString();
}

/** A CURRENCY value as Money at scale 6; undefined when empty (null micros or no currency). */
export function microsToMoney(amount: TwentyCurrency | null | undefined): Money | undefined {
  if (!amount) return undefined;
  const currency = amount.currencyCode?.trim().toUpperCase();
  if (!currency || !/^[A-Z]{3}$/.test(currency)) return undefined;
  const minor = microsText(amount.amountMicros);
  return minor === undefined ? undefined : { minor, scale: MICROS_SCALE, currency };
}

export type MicrosWrite = { ok: true; value: { amountMicros: number | string; currencyCode: string } } | { ok: false; message: string };

/**
 * Money as Twenty's CURRENCY write: micros as a JSON number while that is exact, else as a numeric
 * string (the column is NUMERIC; the real server takes both), so no amount is ever rounded.
 */
export function moneyToMicros(value: unknown): MicrosWrite {
  const parsed = MoneySchema.safeParse(value);
  if (!parsed.success) return { ok: false, message: 'is not a valid amount' };
  const money = parsed.data;
  if (money.scale > MICROS_SCALE) return { ok: false, message: `can have at most ${MICROS_SCALE} decimal places` };
  const micros = BigInt(rescale(money, MICROS_SCALE).minor);
  const safe = micros <= BigInt(Number.MAX_SAFE_INTEGER) && micros >= BigInt(Number.MIN_SAFE_INTEGER);
  return { ok: true, value: { amountMicros: safe ? Number(micros) : micros.toString(), currencyCode: money.currency } };
}
