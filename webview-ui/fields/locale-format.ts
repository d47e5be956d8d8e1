/**
 * Dates, times and numbers in the user's locale (the host passes VS Code's display language).
 * A locale tag Intl does not accept falls back to the browser's, rather than breaking the panel.
 */
import { dateTimeFormat, numberFormat } from '../../src/util/intl-cache';

export function safeLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `YYYY-MM-DD` names a day that exists (no 31 February). */
export function isRealDay(text: string): boolean {
  const match = ISO_DAY.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A whole day: formatted in UTC so that it never moves to the day before in western time zones. */
export function formatDay(day: string, locale: string | undefined): string {
  if (!isRealDay(day)) return day;
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return dateTimeFormat(safeLocale(locale), { dateStyle: 'medium', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month - 1, date)));
}

export function formatInstant(iso: string, locale: string | undefined): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return dateTimeFormat(safeLocale(locale), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(time));
}

/** An exact decimal string with the locale's separators; Intl formats numeric strings without floats. */
export function formatDecimal(decimal: string, locale: string | undefined): string {
  if (!/^-?\d+(\.\d+)?$/.test(decimal)) return decimal;
  const format = numberFormat(safeLocale(locale), { maximumFractionDigits: 20 });
  return format.format(decimal as unknown as number);
}

/** Today as `YYYY-MM-DD` in the user's time zone: a task due on that day is not overdue yet. */
export function localToday(now: Date = new Date()): string {
  return localDay(now);
}

export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "12.5" as "12.5%" (or "12,5 %") without dividing by 100, which could not stay exact. */
export function formatPercent(decimal: string, locale: string | undefined): string {
  if (!/^-?\d+(\.\d+)?$/.test(decimal)) return `${decimal} %`;
  const format = numberFormat(safeLocale(locale), { style: 'unit', unit: 'percent', maximumFractionDigits: 20 });
  return format.format(decimal as unknown as number);
}
