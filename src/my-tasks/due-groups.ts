import type { Due } from '../model';
import { dateTimeFormat } from '../util/intl-cache';

export type DueGroupId = 'overdue' | 'today' | 'thisWeek' | 'later' | 'noDate';

export const DUE_GROUPS: readonly { id: DueGroupId; label: string }[] = [
  { id: 'overdue', label: 'Overdue' },
  { id: 'today', label: 'Today' },
  { id: 'thisWeek', label: 'This week' },
  { id: 'later', label: 'Later' },
  { id: 'noDate', label: 'No date' },
];

/** Where "now" is: the moment, the user's time zone (undefined: this machine's) and first weekday. */
export interface Calendar {
  now: number;
  timeZone?: string;
  /** 1 = Monday … 7 = Sunday, as Intl's weekInfo counts. */
  weekStart: number;
}

const DAY_MS = 86_400_000;

/**
 * The week starts on the locale's first day (Sunday for en-US, Monday for en-GB and de), and on
 * Monday (ISO 8601) where the runtime cannot say.
 */
export function weekStartFor(locale: string | undefined): number {
  try {
    const info = new Intl.Locale(locale ?? new Intl.DateTimeFormat().resolvedOptions().locale) as Intl.Locale & {
      getWeekInfo?: () => { firstDay: number };
      weekInfo?: { firstDay: number };
    };
    const firstDay = (info.getWeekInfo?.() ?? info.weekInfo)?.firstDay;
    return firstDay && firstDay >= 1 && firstDay <= 7 ? firstDay : 1;
  } catch {
    return 1;
  }
}

/** A calendar day as a day number (days since 1970-01-01), so days compare and add as integers. */
export function dayNumberOfDate(isoDate: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return undefined;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
}

/** The calendar day an instant falls on in the time zone. */
export function dayNumberOfInstant(instant: number, timeZone: string | undefined): number {
  const parts = zoneParts(instant, timeZone);
  return Date.UTC(parts.year, parts.month - 1, parts.day) / DAY_MS;
}

/** The instant of a datetime due, or undefined when the CRM sent something unreadable. */
export function dueInstant(due: Due): number | undefined {
  if (due.kind !== 'datetime') return undefined;
  const time = Date.parse(due.value);
  return Number.isNaN(time) ? undefined : time;
}

/** The calendar day a due falls on for this user: a date as it is, an instant in the user's zone. */
export function dueDay(due: Due, timeZone: string | undefined): number | undefined {
  if (due.kind === 'date') return dayNumberOfDate(due.value);
  const instant = dueInstant(due);
  return instant === undefined ? undefined : dayNumberOfInstant(instant, timeZone);
}

/**
 * Overdue: a date before today, or an instant already past (a call due at 9:00 is overdue at 9:30).
 * Today: today's date, or an instant later today. This week: after today through the last day of
 * the current week (empty on the week's last day). Later: after that. No date: none, or unreadable.
 */
export function dueGroupOf(due: Due | undefined, calendar: Calendar): DueGroupId {
  if (!due) return 'noDate';
  const day = dueDay(due, calendar.timeZone);
  if (day === undefined) return 'noDate';
  const instant = dueInstant(due);
  if (instant !== undefined && instant < calendar.now) return 'overdue';
  const today = dayNumberOfInstant(calendar.now, calendar.timeZone);
  if (day < today) return 'overdue';
  if (day === today) return 'today';
  return day <= endOfWeek(today, calendar.weekStart) ? 'thisWeek' : 'later';
}

/** The day number of the last day of the week that contains `day`. */
export function endOfWeek(day: number, weekStart: number): number {
  // 1970-01-01 was a Thursday (ISO weekday 4).
  const isoWeekday = ((((day + 3) % 7) + 7) % 7) + 1;
  const daysIntoWeek = (isoWeekday - weekStart + 7) % 7;
  return day + (6 - daysIntoWeek);
}

/**
 * Milliseconds until the groups can next change by themselves: the user's next midnight, or the
 * soonest future instant due, whichever comes first. Used to regroup without a refetch.
 */
export function msUntilRegroup(dues: readonly (Due | undefined)[], calendar: Calendar): number {
  const parts = zoneParts(calendar.now, calendar.timeZone);
  const sinceMidnight = ((parts.hour * 60 + parts.minute) * 60 + parts.second) * 1000 + (calendar.now % 1000);
  let wait = DAY_MS - sinceMidnight;
  for (const due of dues) {
    const instant = due ? dueInstant(due) : undefined;
    if (instant !== undefined && instant > calendar.now) wait = Math.min(wait, instant - calendar.now);
  }
  // A moment past the boundary, so the regroup sees the new day (and DST days are caught next time).
  return Math.max(1000, wait + 1000);
}

/** Sort key within a group: the due moment, a whole-day due before the timed ones of that day. */
export function dueSortKey(due: Due | undefined, timeZone: string | undefined): number {
  if (!due) return Number.POSITIVE_INFINITY;
  const instant = dueInstant(due);
  if (instant !== undefined) return instant;
  const day = dueDay(due, timeZone);
  if (day === undefined) return Number.POSITIVE_INFINITY;
  // Start of that day in the user's zone, less a minute, so it sorts before timed dues that day.
  return day * DAY_MS - zoneOffsetMs(day * DAY_MS, timeZone) - 60_000;
}

interface ZoneParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

function zoneParts(instant: number, timeZone: string | undefined): ZoneParts {
  const format = dateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1,
    hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0,
  };
}

/** How far the zone's wall clock is ahead of UTC at this instant. */
function zoneOffsetMs(instant: number, timeZone: string | undefined): number {
  const p = zoneParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - (instant - (instant % 1000));
}
