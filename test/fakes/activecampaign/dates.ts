/** The fake account's time zone, as AC writes it on every date (America/Chicago in winter, fixed here). */
export const ACCOUNT_OFFSET_MINUTES = -5 * 60;
const OFFSET_TEXT = '-05:00';

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** An instant in AC's form, `2019-09-06T11:29:48-05:00`. */
export function acDateTime(ms: number): string {
  const local = new Date(ms + ACCOUNT_OFFSET_MINUTES * 60_000);
  return `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(
    local.getUTCMinutes(),
  )}:${pad(local.getUTCSeconds())}${OFFSET_TEXT}`;
}

/** Custom-field timestamps: `2020-05-24T13:18:08+00:00`. */
export function acUtcTimestamp(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', '+00:00');
}

/**
 * A written `duedate` as AC stores it: a bare day becomes midnight in the account's zone; any
 * date-time is kept as that instant, written in the account's zone. Undefined when unreadable.
 */
export function storedDue(text: string): string | undefined {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    return Number.isNaN(Date.parse(`${trimmed}T00:00:00Z`)) ? undefined : `${trimmed}T00:00:00${OFFSET_TEXT}`;
  }
  const zoned = /[zZ]|[+-]\d{2}:?\d{2}$/.test(trimmed);
  const ms = Date.parse(zoned ? trimmed.replace(' ', 'T') : `${trimmed.replace(' ', 'T')}${OFFSET_TEXT}`);
  return Number.isNaN(ms) ? undefined : acDateTime(ms);
}
