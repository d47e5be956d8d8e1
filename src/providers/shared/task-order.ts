import type { Due } from '../../model';

/**
 * When a task falls due, for ordering: a whole day counts as due by its end, so a task due at 10:00
 * comes before one due "today". Undated tasks are last.
 */
export function dueSortKey(due: Due | undefined): number {
  if (!due) return Number.POSITIVE_INFINITY;
  const ms = Date.parse(due.kind === 'date' ? `${due.value}T23:59:59Z` : due.value);
  return Number.isNaN(ms) ? Number.POSITIVE_INFINITY : ms;
}
