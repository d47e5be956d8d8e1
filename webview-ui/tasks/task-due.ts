import type { Due, Task } from '../../src/model';
import { instantToLocalText, localTextToInstant } from '../fields/datetime-field';
import { formatDay, formatInstant, isRealDay, localToday } from '../fields/locale-format';

/** A task is overdue once its day has passed on the user's calendar, or its moment has passed. */
export function isOverdue(task: Pick<Task, 'done' | 'due'>, now: Date = new Date()): boolean {
  if (task.done || !task.due) return false;
  if (task.due.kind === 'date') return task.due.value < localToday(now);
  const due = Date.parse(task.due.value);
  return !Number.isNaN(due) && due < now.getTime();
}

export function formatDue(due: Due, locale: string | undefined): string {
  return due.kind === 'date' ? formatDay(due.value, locale) : formatInstant(due.value, locale);
}

/** The editor text for a due moment: a day stays a day, a time stays on the user's clock. */
export function dueToDraft(due: Due | undefined): string {
  if (!due) return '';
  return due.kind === 'date' ? due.value : instantToLocalText(due.value);
}

/** Reads a due editor's text in the kind the task already has (a new due is a whole day). */
export function parseDue(draft: string, kind: Due['kind']): { ok: true; due: Due | null } | { ok: false; message: string } {
  const text = draft.trim();
  if (text === '') return { ok: true, due: null };
  if (kind === 'date') {
    return isRealDay(text) ? { ok: true, due: { kind: 'date', value: text } } : { ok: false, message: 'Enter a real date as YYYY-MM-DD' };
  }
  const instant = localTextToInstant(text);
  return instant ? { ok: true, due: { kind: 'datetime', value: instant } } : { ok: false, message: 'Enter a date and time, like 2025-03-01 14:30' };
}

/** Open tasks first, then done ones; the CRM's order within each. */
export function openThenDone<T extends { task: Pick<Task, 'done'> }>(rows: readonly T[]): T[] {
  return [...rows.filter((r) => !r.task.done), ...rows.filter((r) => r.task.done)];
}
