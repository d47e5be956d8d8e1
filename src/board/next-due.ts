import type { Due } from '../model';
import type { OpenTask } from '../providers/contract';

/** When a due moment is, for ordering: a whole day counts from its start in this machine's time zone. */
export function dueTime(due: Due): number {
  if (due.kind === 'datetime') return Date.parse(due.value);
  const [y, m, d] = due.value.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime();
}

/** A whole day is overdue once it has ended; an instant once it has passed. */
export function isOverdue(due: Due, now: Date): boolean {
  if (due.kind === 'datetime') return Date.parse(due.value) < now.getTime();
  return due.value < localDay(now);
}

/** The earliest due moment of each deal's open tasks, from one account-wide list (never per deal). */
export function nextDueByDeal(tasks: Iterable<OpenTask>): Map<string, Due> {
  const next = new Map<string, Due>();
  for (const { task, deal } of tasks) {
    if (!deal || task.done || !task.due || Number.isNaN(dueTime(task.due))) continue;
    const current = next.get(deal.id);
    if (!current || dueTime(task.due) < dueTime(current)) next.set(deal.id, task.due);
  }
  return next;
}

/** YYYY-MM-DD of this machine's day. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
