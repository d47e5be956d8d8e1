import { z } from 'zod';
import { numberFormat } from '../util/intl-cache';

/**
 * An exact amount of money: minor units as a decimal integer string (bigint-safe), the number of
 * decimal places those units carry (2 for cents, 6 for Twenty's micros) and an ISO 4217 currency.
 * Never a float: every CRM's own unit is kept so that a value round-trips to the CRM unchanged.
 */
export const MoneySchema = z.object({
  minor: z.string().regex(/^-?\d+$/, 'minor units must be a whole number'),
  scale: z.number().int().min(0).max(18),
  currency: z.string().regex(/^[A-Z]{3}$/, 'currency must be an upper-case ISO 4217 code'),
});
export type Money = z.infer<typeof MoneySchema>;

export function money(minor: bigint | number | string, scale: number, currency: string): Money {
  const units = typeof minor === 'number' ? BigInt(Math.trunc(minor)) : BigInt(minor);
  return MoneySchema.parse({ minor: units.toString(), scale, currency: currency.toUpperCase() });
}

/** The amount as an exact decimal string: `{minor: "123456", scale: 2}` → `"1234.56"`. */
export function toDecimalString(m: Money): string {
  const negative = m.minor.startsWith('-');
  const digits = (negative ? m.minor.slice(1) : m.minor).padStart(m.scale + 1, '0');
  const whole = digits.slice(0, digits.length - m.scale);
  const fraction = m.scale > 0 ? `.${digits.slice(digits.length - m.scale)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/**
 * Parses what a person typed ("1200", "1,200.5", "-3.75") into minor units at the given scale.
 * Returns undefined for anything that is not a plain decimal or has more places than the scale
 * allows: the caller shows a validation error rather than silently rounding.
 */
export function parseDecimal(text: string, scale: number, currency: string): Money | undefined {
  const cleaned = text.trim().replace(/[\s,_']/g, '');
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(cleaned);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const fraction = match[3] ?? '';
  if (fraction.length > scale) return undefined;
  const minor = BigInt(`${match[2] || '0'}${fraction.padEnd(scale, '0')}`);
  return money(match[1] === '-' ? -minor : minor, scale, currency);
}

/** Re-expresses an amount at a larger scale without loss (cents → micros). */
export function rescale(m: Money, scale: number): Money {
  if (scale < m.scale) throw new RangeError(`cannot rescale ${m.scale} to ${scale} without loss`);
  return { ...m, minor: (BigInt(m.minor) * 10n ** BigInt(scale - m.scale)).toString(), scale };
}

/** Sums per currency; amounts in different currencies are never added together. */
export function totalsByCurrency(amounts: Iterable<Money | undefined>): Money[] {
  const totals = new Map<string, Money>();
  for (const amount of amounts) {
    if (!amount) continue;
    const current = totals.get(amount.currency);
    if (!current) {
      totals.set(amount.currency, { ...amount });
      continue;
    }
    const scale = Math.max(current.scale, amount.scale);
    const a = rescale(current, scale);
    const b = rescale(amount, scale);
    totals.set(amount.currency, { ...a, minor: (BigInt(a.minor) + BigInt(b.minor)).toString() });
  }
  return [...totals.values()].sort((x, y) => x.currency.localeCompare(y.currency));
}

/**
 * Formats with Intl in the user's locale. The exact decimal string is passed to Intl (Node 20 and
 * Chromium format numeric strings without converting them to floats), so 90071992547409.93 stays exact.
 */
export function formatMoney(m: Money, locale?: string, options: { compact?: boolean } = {}): string {
  const format = numberFormat(locale, {
    style: 'currency',
    currency: m.currency,
    ...(options.compact ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
  });
  return format.format(toDecimalString(m) as unknown as number);
}
