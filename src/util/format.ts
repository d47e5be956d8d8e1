import { formatMoney, type Money } from '../model';
import { dateTimeFormat, numberFormat } from './intl-cache';

/** "1,240" in the user's locale. */
export function formatCount(n: number, locale?: string): string {
  return numberFormat(locale).format(n);
}

/** Totals per currency, e.g. "$48,200 + €3,100"; empty when there are none. */
export function formatTotals(totals: readonly Money[] | undefined, locale?: string): string {
  return (totals ?? []).map((m) => formatMoney(m, locale, { compact: true })).join(' + ');
}

/** A YYYY-MM-DD date in the user's locale, without a time zone shift ("Mar 3, 2026"). */
export function formatDay(isoDate: string, locale?: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d) return isoDate;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, d));
}

/** An ISO instant in the user's locale and time zone. */
export function formatInstant(iso: string, locale?: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time);
}

const PERIOD_SUFFIX = { one_time: '', monthly: ' / month', annual: ' / year' } as const;

/** "$1,200 / month" for Close's recurring values. */
export function formatAmount(amount: Money, period?: keyof typeof PERIOD_SUFFIX, locale?: string): string {
  return `${formatMoney(amount, locale)}${period ? PERIOD_SUFFIX[period] : ''}`;
}
