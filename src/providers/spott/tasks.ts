import type { FieldError } from '../../http';
import type { Due, Task } from '../../model';
import type { TaskInput } from '../contract';
import { TASKS_READ_ONLY } from './errors';
import { toPersonRef } from './map';
import type { SpottTask } from './schemas';

/** A task's link to an opportunity in `POST /tasks/_raw` (entity type as the third-party client uses it). */
export const OPPORTUNITY_ENTITY = 'opportunity';

export function belongsTo(task: SpottTask, opportunityId: string): boolean {
  return (task.links?.opportunities ?? []).some((link) => link.id === opportunityId);
}

/**
 * Spott keeps one text per task, `content`. Its first line is the title; what follows a blank
 * line is the body, which is how a task created here with a body is written.
 */
export function splitContent(content: string | null): { title: string; body?: string } {
  const text = (content ?? '').replace(/\r\n/g, '\n').trim();
  const [first = '', ...rest] = text.split('\n');
  const body = rest.join('\n').trim();
  return { title: first.trim() || 'Task', body: body || undefined };
}

/**
 * A due date-time as the model's Due. Spott stores only date-times; a day-only due written by us
 * is sent as midnight UTC, so a midnight UTC due reads back as that day.
 */
export function dueFromSpott(dueDate: string | null | undefined): Due | undefined {
  const text = dueDate?.trim();
  if (!text) return undefined;
  const midnight = /^(\d{4}-\d{2}-\d{2})(?:T00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00))?$/.exec(text);
  if (midnight) return { kind: 'date', value: midnight[1]! };
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : { kind: 'datetime', value: new Date(ms).toISOString() };
}

function dueToSpott(due: Due): string | undefined {
  if (due.kind === 'date') {
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(due.value) && new Date(`${due.value}T00:00:00Z`).toISOString().startsWith(due.value);
    return ok ? `${due.value}T00:00:00.000Z` : undefined;
  }
  const ms = Date.parse(due.value);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** A Spott task in the model; read-only, since Spott documents no task update. */
export function toModelTask(task: SpottTask): Task {
  const { title, body } = splitContent(task.content);
  return {
    id: task.id,
    title,
    body,
    due: dueFromSpott(task.dueDate),
    done: task.isCompleted === true,
    assignee: task.assignedTo ? toPersonRef(task.assignedTo) : undefined,
    readOnlyReason: TASKS_READ_ONLY,
  };
}

/** Open tasks first, then by due moment (undated last). */
export function compareTasks(a: Task, b: Task): number {
  const due = (t: Task): number => (t.due ? Date.parse(t.due.kind === 'date' ? `${t.due.value}T23:59:59Z` : t.due.value) : Infinity);
  return Number(a.done) - Number(b.done) || due(a) - due(b) || a.id.localeCompare(b.id);
}

export type TaskBody = { ok: true; body: Record<string, unknown> } | { ok: false; errors: FieldError[] };

/** `POST /tasks/_raw`: the content, an optional due date-time, and a link to the opportunity. */
export function createTaskBody(opportunityId: string, input: TaskInput): TaskBody {
  const errors: FieldError[] = [];
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title) errors.push({ field: 'title', message: 'must not be empty' });
  else if (title.includes('\n')) errors.push({ field: 'title', message: 'must be one line' });
  const dueDate = input.due ? dueToSpott(input.due) : undefined;
  if (input.due && !dueDate) errors.push({ field: 'due', message: 'is not a valid date' });
  if (errors.length) return { ok: false, errors };
  const body = input.body?.trim();
  return {
    ok: true,
    body: {
      content: body ? `${title}\n\n${body}` : title,
      ...(dueDate ? { dueDate } : {}),
      links: [{ taskLinkId: null, entityType: OPPORTUNITY_ENTITY, entityId: opportunityId }],
    },
  };
}
