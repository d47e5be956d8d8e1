import type { Due } from '../model';
import { dateTimeFormat } from '../util/intl-cache';
import { dayNumberOfInstant, dueDay, dueInstant, type Calendar, type DueGroupId } from './due-groups';

const DAY_MS = 86_400_000;

/**
 * The due as a row shows it, as short as its group allows: nothing for a whole day today, the time
 * for an instant today, the weekday this week, the date otherwise (with the year when not this
 * year). Dates are formatted as UTC calendar days so a date-only due never shifts.
 */
export function shortDue(due: Due | undefined, group: DueGroupId, calendar: Calendar, locale?: string): string | undefined {
  if (!due) return undefined;
  const day = dueDay(due, calendar.timeZone);
  if (day === undefined) return due.value;
  const instant = dueInstant(due);
  const time = instant === undefined ? undefined : formatTime(instant, calendar.timeZone, locale);
  const thisYear = new Date(dayNumberOfInstant(calendar.now, calendar.timeZone) * DAY_MS).getUTCFullYear();
  const dayText = (options: Intl.DateTimeFormatOptions) =>
    dateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(day * DAY_MS);
  let date: string | undefined;
  if (group === 'today') date = undefined;
  else if (group === 'thisWeek') date = dayText({ weekday: 'short' });
  else {
    const withYear = new Date(day * DAY_MS).getUTCFullYear() !== thisYear;
    date = dayText(withYear ? { dateStyle: 'medium' } : { month: 'short', day: 'numeric' });
  }
  return [date, time].filter(Boolean).join(' ') || undefined;
}

/** The full due for the tooltip: "Tuesday, March 3, 2026" or "Tuesday, March 3, 2026 at 2:30 PM". */
export function longDue(due: Due, calendar: Calendar, locale?: string): string {
  const instant = dueInstant(due);
  if (instant !== undefined) {
    return dateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short', timeZone: calendar.timeZone }).format(instant);
  }
  const day = dueDay(due, calendar.timeZone);
  if (day === undefined) return due.value;
  return dateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(day * DAY_MS);
}

function formatTime(instant: number, timeZone: string | undefined, locale?: string): string {
  return dateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(instant);
}
