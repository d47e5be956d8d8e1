import type { FieldError } from '../../http';
import type { PersonRef, Task } from '../../model';
import type { TaskInput, TaskPatch } from '../contract';
import { dueFromTwenty, dueToTwenty } from './dates';
import type { TwentyTask } from './schemas';

/** Twenty's task status options; `DONE` is done, the others open. */
export const TASK_STATUSES = ['TODO', 'IN_PROGRESS', 'DONE'] as const;

function plainBody(task: TwentyTask): string | undefined {
  const markdown = task.bodyV2?.markdown;
  if (typeof markdown === 'string' && markdown.trim()) return markdown;
  // Mid-2025 servers still carry the older plain-text `body` beside an empty `bodyV2`.
  return typeof task.body === 'string' && task.body.trim() ? task.body : undefined;
}

export function toModelTask(task: TwentyTask, members: ReadonlyMap<string, PersonRef>, timeZone: string): Task {
  const status = task.status ?? undefined;
  const assignee = task.assigneeId ? (members.get(task.assigneeId) ?? { id: task.assigneeId, name: `Member ${task.assigneeId.slice(0, 8)}` }) : undefined;
  const body = plainBody(task);
  const due = dueFromTwenty(task.dueAt, timeZone);
  return {
    id: task.id,
    title: task.title?.trim() || 'Untitled task',
    ...(body ? { body } : {}),
    ...(due ? { due } : {}),
    done: status === 'DONE',
    ...(status ? { status } : {}),
    ...(assignee ? { assignee } : {}),
  };
}

export type TaskBody =
  | { ok: true; body: Record<string, unknown>; sent: Record<string, string> }
  | { ok: false; errors: FieldError[] };

export interface TaskWriteContext {
  timeZone: string;
  /** Mid-2025 servers keep a plain-text `body` beside `bodyV2`: both are written so they agree. */
  plainBody: boolean;
}

function writer() {
  const body: Record<string, unknown> = {};
  const sent: Record<string, string> = {};
  const errors: FieldError[] = [];
  const put = (key: string, model: string, value: unknown): void => {
    body[key] = value;
    sent[key] = model;
  };
  return { body, sent, errors, put };
}

function putTitle(title: string, put: (k: string, m: string, v: unknown) => void, errors: FieldError[]): void {
  const trimmed = title.trim();
  if (!trimmed) errors.push({ field: 'title', message: 'must not be empty' });
  else put('title', 'title', trimmed);
}

function putBody(text: string, ctx: TaskWriteContext, put: (k: string, m: string, v: unknown) => void): void {
  put('bodyV2', 'body', { markdown: text });
  if (ctx.plainBody) put('body', 'body', text);
}

function putDue(due: Task['due'] | null, ctx: TaskWriteContext, put: (k: string, m: string, v: unknown) => void, errors: FieldError[]): void {
  if (due === null || due === undefined) return put('dueAt', 'due', null);
  const dueAt = dueToTwenty(due, ctx.timeZone);
  if (dueAt) put('dueAt', 'due', dueAt);
  else errors.push({ field: 'due', message: 'is not a valid date' });
}

/** `POST /rest/tasks`: a new task is To do. */
export function createTaskBody(input: TaskInput, ctx: TaskWriteContext): TaskBody {
  const { body, sent, errors, put } = writer();
  putTitle(input.title, put, errors);
  put('status', 'done', 'TODO');
  if (input.due) putDue(input.due, ctx, put, errors);
  if (input.body?.trim()) putBody(input.body, ctx, put);
  return errors.length ? { ok: false, errors } : { ok: true, body, sent };
}

/** `PATCH /rest/tasks/{id}` with only what changes; undoing "done" sets To do. */
export function updateTaskBody(patch: TaskPatch, ctx: TaskWriteContext): TaskBody {
  const { body, sent, errors, put } = writer();
  if (patch.title !== undefined) putTitle(patch.title, put, errors);
  if (patch.due !== undefined) putDue(patch.due, ctx, put, errors);
  if (patch.done !== undefined) put('status', 'done', patch.done ? 'DONE' : 'TODO');
  if (patch.body !== undefined) putBody(patch.body ?? '', ctx, put);
  if (errors.length) return { ok: false, errors };
  if (!Object.keys(body).length) return { ok: false, errors: [{ field: 'task', message: 'nothing to change' }] };
  return { ok: true, body, sent };
}

/** Open tasks first, then by due moment (undated last), then by title. */
export function compareTasks(a: Task, b: Task): number {
  const due = (t: Task): number => (t.due ? Date.parse(t.due.kind === 'date' ? `${t.due.value}T23:59:59Z` : t.due.value) : Infinity);
  return Number(a.done) - Number(b.done) || due(a) - due(b) || a.title.localeCompare(b.title);
}
