import type { Due } from '../../model';
import { dateTimeFormat } from '../../util/intl-cache';

/**
 * Twenty keeps `closeDate` and a task's `dueAt` as instants (DATE_TIME) and shows them in the
 * user's time zone. A whole day is therefore read as the day that instant falls on in the
 * extension's time zone (the machine's, like Twenty's own app on the same machine), and written as
 * midnight of that day in that zone, so a day written here reads back as the same day.
 */

function formatter(timeZone: string): Intl.DateTimeFormat {
  return dateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** The zone to use: the one given if Intl knows it, else the machine's, else UTC. */
export function resolveTimeZone(given?: string): string {
  for (const zone of [given, Intl.DateTimeFormat().resolvedOptions().timeZone]) {
    if (!zone) continue;
    try {
      formatter(zone);
      return zone;
    } catch {
      // Not a zone this runtime knows; try the next.
    }
  }
  return 'UTC';
}

/** Wall-clock time in `timeZone` minus UTC at `instantMs`, in ms (whole seconds). */
function offsetMs(instantMs: number, timeZone: string): number {
  const parts = formatter(timeZone).formatToParts(new Date(instantMs));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour') % 24, get('minute'), get('second'));
  return wall - Math.floor(instantMs / 1000) * 1000;
}

export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** The day an instant falls on in `timeZone`, or undefined for text that is no instant. */
export function dayInZone(instant: string, timeZone: string): string | undefined {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + offsetMs(ms, timeZone)).toISOString().slice(0, 10);
}

/** Midnight of `day` in `timeZone` as an ISO instant (the first moment of that day where midnight is skipped). */
export function midnightInZone(day: string, timeZone: string): string {
  const wall = Date.parse(`${day}T00:00:00Z`);
  const first = wall - offsetMs(wall, timeZone);
  const second = wall - offsetMs(first, timeZone);
  const candidates = [second, first].filter((ms) => dayInZone(new Date(ms).toISOString(), timeZone) === day);
  return new Date(candidates.length ? Math.min(...candidates) : second).toISOString();
}

/** An instant as the model's normal ISO form, or undefined. */
export function toInstant(text: string | null | undefined): string | undefined {
  if (!text) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A task's `dueAt`: a whole day when it is midnight in the zone (as this extension writes days), else the instant. */
export function dueFromTwenty(dueAt: string | null | undefined, timeZone: string): Due | undefined {
  const instant = toInstant(dueAt);
  if (!instant) return undefined;
  const day = dayInZone(instant, timeZone)!;
  return midnightInZone(day, timeZone) === instant ? { kind: 'date', value: day } : { kind: 'datetime', value: instant };
}

/** A Due as Twenty's `dueAt`, or undefined when it is not valid. */
export function dueToTwenty(due: Due, timeZone: string): string | undefined {
  if (due.kind === 'date') return isIsoDay(due.value) ? midnightInZone(due.value, timeZone) : undefined;
  return toInstant(due.value);
}
