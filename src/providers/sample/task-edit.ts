import type { FieldError } from '../../http/errors';
import { type Due, DueSchema, type PersonRef } from '../../model';
import type { TaskInput, TaskPatch } from '../contract';
import { isValidIsoDay } from './data/dates';
import type { StoredTask } from './schemas';

export type TaskResult = { ok: true; task: StoredTask } | { ok: false; errors: FieldError[] };

const MAX_TITLE = 300;
const MAX_BODY = 10_000;

function checkTitle(title: unknown, errors: FieldError[]): string | undefined {
  const trimmed = typeof title === 'string' ? title.trim() : '';
  if (!trimmed) errors.push({ field: 'title', message: 'must not be empty' });
  else if (trimmed.length > MAX_TITLE) errors.push({ field: 'title', message: `must be at most ${MAX_TITLE} characters` });
  else return trimmed;
  return undefined;
}

function checkDue(due: unknown, errors: FieldError[]): Due | undefined {
  const parsed = DueSchema.safeParse(due);
  if (parsed.success && parsed.data.kind === 'date' && isValidIsoDay(parsed.data.value)) return parsed.data;
  if (parsed.success && parsed.data.kind === 'datetime' && !Number.isNaN(Date.parse(parsed.data.value))) {
    return { kind: 'datetime', value: new Date(parsed.data.value).toISOString() };
  }
  errors.push({ field: 'due', message: 'must be a real date (YYYY-MM-DD) or date and time' });
  return undefined;
}

function checkBody(body: unknown, errors: FieldError[]): string | undefined {
  if (typeof body !== 'string') errors.push({ field: 'body', message: 'must be text' });
  else if (body.length > MAX_BODY) errors.push({ field: 'body', message: `must be at most ${MAX_BODY} characters` });
  else return body;
  return undefined;
}

/** A new open task on the deal, assigned to the deal's owner as the Sample CRM's users expect. */
export function newTask(id: string, dealId: string, input: TaskInput, assignee: PersonRef | undefined, now: Date): TaskResult {
  const errors: FieldError[] = [];
  const title = checkTitle(input.title, errors);
  const due = input.due === undefined ? undefined : checkDue(input.due, errors);
  const body = input.body === undefined || input.body === '' ? undefined : checkBody(input.body, errors);
  if (errors.length || title === undefined) return { ok: false, errors };
  return {
    ok: true,
    task: {
      id,
      dealId,
      title,
      ...(body !== undefined ? { body } : {}),
      ...(due ? { due } : {}),
      done: false,
      ...(assignee ? { assignee: { ...assignee } } : {}),
      createdAt: now.toISOString(),
    },
  };
}

/** The task with the patch applied, or every problem with it; null clears due and body. */
export function patchTask(task: StoredTask, patch: TaskPatch): TaskResult {
  const next = structuredClone(task);
  const errors: FieldError[] = [];
  if (patch.title !== undefined) {
    const title = checkTitle(patch.title, errors);
    if (title !== undefined) next.title = title;
  }
  if (patch.due === null) delete next.due;
  else if (patch.due !== undefined) {
    const due = checkDue(patch.due, errors);
    if (due) next.due = due;
  }
  if (patch.done !== undefined) {
    if (typeof patch.done !== 'boolean') errors.push({ field: 'done', message: 'must be true or false' });
    else next.done = patch.done;
  }
  if (patch.body === null || patch.body === '') delete next.body;
  else if (patch.body !== undefined) {
    const body = checkBody(patch.body, errors);
    if (body !== undefined) next.body = body;
  }
  return errors.length ? { ok: false, errors } : { ok: true, task: next };
}
