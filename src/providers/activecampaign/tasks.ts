import type { FieldError } from '../../http';
import type { PersonRef, Task } from '../../model';
import type { TaskInput, TaskPatch } from '../contract';
import { dueFromAc, dueToAc } from './dates';
import { idOf, wholeNumber } from './map';
import type { AcTask, AcTaskType } from './schemas';

const MAX_TITLE = 255;

/** AC task → model. A task with no title is shown by its type ("Call"), as AC's own app does. */
export function toModelTask(task: AcTask, types: ReadonlyMap<string, string>, users: ReadonlyMap<string, PersonRef>): Task {
  const typeId = idOf(task.dealTasktype);
  const assigneeId = idOf(task.assignee);
  const title = task.title?.trim() || (typeId ? types.get(typeId) : undefined) || 'Task';
  return {
    id: String(task.id),
    title,
    body: task.note ? task.note : undefined,
    due: dueFromAc(task.duedate),
    done: wholeNumber(task.status) === 1,
    assignee: assigneeId ? (users.get(assigneeId) ?? { id: assigneeId, name: `User ${assigneeId}` }) : undefined,
  };
}

/** Whether a task needs its type's name for a title. */
export function needsTypeName(task: AcTask): boolean {
  return !task.title?.trim() && idOf(task.dealTasktype) !== undefined;
}

/** The type new tasks get: a "To-do" if the account has one, else the first type. */
export function defaultTaskType(types: readonly AcTaskType[]): AcTaskType | undefined {
  return types.find((t) => /^\s*to[\s-]?do\s*$/i.test(t.title)) ?? types.find((t) => /to[\s-]?do/i.test(t.title)) ?? types[0];
}

export type TaskBody = { ok: true; dealTask: Record<string, unknown> } | { ok: false; errors: FieldError[] };

function checkTitle(title: string, errors: FieldError[]): string | undefined {
  const trimmed = title.trim();
  if (!trimmed) errors.push({ field: 'title', message: 'must not be empty' });
  else if (trimmed.length > MAX_TITLE) errors.push({ field: 'title', message: `must be at most ${MAX_TITLE} characters` });
  else return trimmed;
  return undefined;
}

/** `POST /dealTasks` body. AC requires a due date and a task type for every task. */
export function createTaskBody(dealId: string, input: TaskInput, taskTypeId: string | undefined): TaskBody {
  const errors: FieldError[] = [];
  const title = checkTitle(input.title, errors);
  const duedate = input.due ? dueToAc(input.due) : undefined;
  if (!input.due) errors.push({ field: 'due', message: 'ActiveCampaign needs a due date for every task' });
  else if (!duedate) errors.push({ field: 'due', message: 'is not a valid date' });
  if (!taskTypeId) errors.push({ field: 'type', message: 'the ActiveCampaign account has no task types to create a task with' });
  const relid = Number(dealId);
  if (!Number.isSafeInteger(relid)) errors.push({ field: 'dealId', message: 'is not an ActiveCampaign deal id' });
  if (errors.length) return { ok: false, errors };
  const dealTask: Record<string, unknown> = {
    relid,
    ownerType: 'deal',
    title,
    duedate,
    dealTasktype: Number(taskTypeId),
  };
  if (input.body) dealTask['note'] = input.body;
  return { ok: true, dealTask };
}

/** `PUT /dealTasks/{id}` body with only the changed keys. */
export function updateTaskBody(patch: TaskPatch): TaskBody {
  const errors: FieldError[] = [];
  const dealTask: Record<string, unknown> = {};
  if (patch.title !== undefined) {
    const title = checkTitle(patch.title, errors);
    if (title) dealTask['title'] = title;
  }
  if (patch.body !== undefined) dealTask['note'] = patch.body ?? '';
  if (patch.due === null) errors.push({ field: 'due', message: 'ActiveCampaign needs a due date for every task; pick another date instead' });
  else if (patch.due !== undefined) {
    const duedate = dueToAc(patch.due);
    if (duedate) dealTask['duedate'] = duedate;
    else errors.push({ field: 'due', message: 'is not a valid date' });
  }
  if (patch.done !== undefined) dealTask['status'] = patch.done ? 1 : 0;
  if (errors.length) return { ok: false, errors };
  if (!Object.keys(dealTask).length) return { ok: false, errors: [{ field: 'task', message: 'nothing to change' }] };
  return { ok: true, dealTask };
}

export function typeNames(types: readonly AcTaskType[]): Map<string, string> {
  return new Map(types.map((t) => [String(t.id), t.title]));
}

/** Open tasks first, then by due moment (undated last). */
export function compareTasks(a: Task, b: Task): number {
  const due = (t: Task): number => (t.due ? Date.parse(t.due.kind === 'date' ? `${t.due.value}T23:59:59Z` : t.due.value) : Infinity);
  return Number(a.done) - Number(b.done) || due(a) - due(b);
}
