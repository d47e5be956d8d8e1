import type { Due } from '../../model';

/** A real calendar day written as YYYY-MM-DD. */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/**
 * An AC date-time as an ISO instant. AC writes `2020-05-19T02:45:00-05:00`; some columns carry
 * `2019-11-22 14:15:37` with no zone, read as UTC (the account's zone is not in the API).
 */
export function fromAcDateTime(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || trimmed.startsWith('0000-00-00')) return undefined;
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(trimmed);
  const iso = trimmed.replace(' ', 'T');
  const ms = Date.parse(zoned ? iso : `${iso}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** An instant in AC's documented form, `2020-05-19T07:45:00+00:00`. */
export function toAcDateTime(instant: string): string | undefined {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/**
 * A task's `duedate` as the model's Due. AC stores every due as a date-time; a whole-day due
 * (written as YYYY-MM-DD) comes back at midnight in the account's zone, so a midnight due is read
 * back as that day, never shifted into another zone.
 */
export function dueFromAc(duedate: string | null | undefined): Due | undefined {
  const text = duedate?.trim();
  if (!text || text.startsWith('0000-00-00')) return undefined;
  if (isIsoDay(text)) return { kind: 'date', value: text };
  const midnight = /^(\d{4}-\d{2}-\d{2})[T ]00:00(?::00)?(?:\.0+)?(?:[zZ]|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (midnight && isIsoDay(midnight[1]!)) return { kind: 'date', value: midnight[1]! };
  const instant = fromAcDateTime(text);
  return instant ? { kind: 'datetime', value: instant } : undefined;
}

/** A Due as AC's `duedate`: the day alone, or the instant with its offset. Undefined when invalid. */
export function dueToAc(due: Due): string | undefined {
  if (due.kind === 'date') return isIsoDay(due.value) ? due.value : undefined;
  return toAcDateTime(due.value);
}
