/**
 * Dates are generated as offsets from the day of generation (UTC midnight), and timestamps only
 * ever fall before it, so freshly generated data never claims to have been touched in the future.
 */
const DAY_MS = 86_400_000;

export function startOfUtcDay(moment: Date): Date {
  return new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()));
}

/** `YYYY-MM-DD` of the day `offsetDays` after `day` (negative for before). */
export function dayOffset(day: Date, offsetDays: number): string {
  return new Date(day.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

/** An ISO instant `minutesBefore` minutes before `day` began. */
export function instantBefore(day: Date, minutesBefore: number): string {
  return new Date(day.getTime() - minutesBefore * 60_000).toISOString();
}

/** An ISO instant on the day `offsetDays` after `day`, at a whole business hour (UTC). */
export function instantOnDay(day: Date, offsetDays: number, hour: number, minute = 0): string {
  return new Date(day.getTime() + offsetDays * DAY_MS + hour * 3_600_000 + minute * 60_000).toISOString();
}

export function isValidIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}
