import type { Task } from '../../src/model';
import { WebviewToHostSchema, type DealView, type ErrorInfo, type WebviewToHost } from '../../src/protocol';
import { taskErrorText } from '../model/error-text';
import type { TaskInput, TaskPatch } from '../model/protocol-types';
import { dueToDraft, openThenDone, parseDue } from './task-due';

type CapabilityFlags = Pick<DealView['capabilities'], 'listTasks' | 'createTask' | 'updateTask' | 'completeTask' | 'deleteTask'>;

/** A task request as the user asked for it; the same object is sent again by Retry. */
export type TaskRequest =
  | { kind: 'create'; input: TaskInput }
  | { kind: 'update'; taskId: string; patch: TaskPatch }
  | { kind: 'delete'; taskId: string };

export interface TaskIo {
  post(message: WebviewToHost): void;
  newRequestId(): string;
}

export interface TaskRow {
  task: Task;
  /** A request for this task is in flight: drawn with a spinner, changes shown optimistically. */
  busy: boolean;
  deleting: boolean;
  /** Made here and not yet stored by the CRM. */
  unsaved: boolean;
}

export interface TaskFailure { message: string; request: TaskRequest }

export type TaskFieldName = 'title' | 'due';

/** Where a failure of the add-task form is kept, beside the per-task ones. */
export const NEW_TASK = 'new-task';

export interface NewTaskDraft { title: string; due: string; problem?: string }

export const taskEditorKey = (taskId: string, field: TaskFieldName) => `${taskId}:${field}`;

/** The deal's tasks with requests in flight applied optimistically, and failures kept with Retry. */
export class TaskEdits {
  readonly inFlight = new Map<string, TaskRequest>();
  readonly failures = new Map<string, TaskFailure>();
  readonly editors = new Map<string, { draft: string; problem?: string }>();
  readonly confirmingDelete = new Set<string>();
  newTask: NewTaskDraft = { title: '', due: '' };

  constructor(private readonly io: TaskIo, public tasks: Task[], public capabilities: CapabilityFlags) {}

  rows(): TaskRow[] {
    const rows = this.tasks.map((task): TaskRow => ({ task, busy: false, deleting: false, unsaved: false }));
    for (const [requestId, request] of this.inFlight) {
      if (request.kind === 'create') {
        rows.push({ task: { id: `pending-${requestId}`, title: request.input.title, due: request.input.due, done: false }, busy: true, deleting: false, unsaved: true });
        continue;
      }
      const row = rows.find((r) => r.task.id === request.taskId);
      if (!row) continue;
      row.busy = true;
      if (request.kind === 'delete') row.deleting = true;
      else row.task = applyPatch(row.task, request.patch);
    }
    return openThenDone(rows);
  }

  canEdit(task: Task): boolean {
    return this.capabilities.updateTask && !task.readOnlyReason;
  }

  canComplete(task: Task): boolean {
    return (this.capabilities.completeTask || this.capabilities.updateTask) && !task.readOnlyReason;
  }

  canDelete(task: Task): boolean {
    return this.capabilities.deleteTask && !task.readOnlyReason;
  }

  setDone(task: Task, done: boolean): void {
    if (this.canComplete(task)) this.send({ kind: 'update', taskId: task.id, patch: { done } }, task.id);
  }

  openEditor(task: Task, field: TaskFieldName, draft?: string): void {
    if (!this.canEdit(task)) return;
    this.editors.set(taskEditorKey(task.id, field), { draft: draft ?? (field === 'title' ? task.title : dueToDraft(task.due)) });
  }

  updateEditor(key: string, draft: string): void {
    if (this.editors.has(key)) this.editors.set(key, { draft });
  }

  cancelEditor(key: string): void {
    this.editors.delete(key);
  }

  /** Saves a title or due editor; returns false when the draft was refused and the editor stays open. */
  commitEditor(task: Task, field: TaskFieldName): boolean {
    const key = taskEditorKey(task.id, field);
    const editor = this.editors.get(key);
    if (!editor) return true;
    const patch = field === 'title' ? this.titlePatch(task, editor.draft) : this.duePatch(task, editor.draft);
    if (typeof patch === 'string') {
      this.editors.set(key, { draft: editor.draft, problem: patch });
      return false;
    }
    this.editors.delete(key);
    if (patch) this.send({ kind: 'update', taskId: task.id, patch }, task.id);
    return true;
  }

  /** Sends the add-task form; the form empties at once and gets its text back if the CRM refuses. */
  createTask(): boolean {
    const title = this.newTask.title.trim();
    if (!title) return this.refuseNew('A task needs a title');
    const due = parseDue(this.newTask.due, 'date');
    if (!due.ok) return this.refuseNew(due.message);
    const input: TaskInput = { title, ...(due.due ? { due: due.due } : {}) };
    if (!this.send({ kind: 'create', input }, NEW_TASK)) return false;
    this.newTask = { title: '', due: '' };
    return true;
  }

  askDelete(taskId: string): void {
    this.confirmingDelete.add(taskId);
  }

  cancelDelete(taskId: string): void {
    this.confirmingDelete.delete(taskId);
  }

  confirmDelete(task: Task): void {
    this.confirmingDelete.delete(task.id);
    if (this.canDelete(task)) this.send({ kind: 'delete', taskId: task.id }, task.id);
  }

  retry(key: string): void {
    const failure = this.failures.get(key);
    if (failure) this.send(failure.request, key);
  }

  dismiss(key: string): void {
    this.failures.delete(key);
  }

  onTasksChanged(requestId: string, tasks: Task[]): void {
    this.inFlight.delete(requestId);
    this.tasks = tasks;
  }

  onTaskFailed(requestId: string, error: ErrorInfo): void {
    const request = this.inFlight.get(requestId);
    if (!request) return;
    this.inFlight.delete(requestId);
    const key = request.kind === 'create' ? NEW_TASK : request.taskId;
    this.failures.set(key, { message: taskErrorText(error), request });
    if (request.kind === 'create' && !this.newTask.title) {
      this.newTask = { title: request.input.title, due: request.input.due?.kind === 'date' ? request.input.due.value : '' };
    }
  }

  load(tasks: Task[], capabilities: CapabilityFlags): void {
    this.tasks = tasks;
    this.capabilities = capabilities;
  }

  private titlePatch(task: Task, draft: string): TaskPatch | undefined | string {
    const title = draft.trim();
    if (!title) return 'A task needs a title';
    return title === task.title ? undefined : { title };
  }

  private duePatch(task: Task, draft: string): TaskPatch | undefined | string {
    const parsed = parseDue(draft, task.due?.kind ?? 'date');
    if (!parsed.ok) return parsed.message;
    const before = task.due ? JSON.stringify([task.due.kind, task.due.value]) : '';
    const after = parsed.due ? JSON.stringify([parsed.due.kind, parsed.due.value]) : '';
    return before === after ? undefined : { due: parsed.due };
  }

  private refuseNew(problem: string): boolean {
    this.newTask = { ...this.newTask, problem };
    return false;
  }

  private send(request: TaskRequest, failureKey: string): boolean {
    const requestId = this.io.newRequestId();
    const message: WebviewToHost =
      request.kind === 'create' ? { type: 'createTask', requestId, input: request.input }
        : request.kind === 'update' ? { type: 'updateTask', requestId, taskId: request.taskId, patch: request.patch }
          : { type: 'deleteTask', requestId, taskId: request.taskId };
    const checked = WebviewToHostSchema.safeParse(message);
    if (!checked.success) {
      this.failures.set(failureKey, { message: `This cannot be sent: ${checked.error.issues[0]?.message ?? 'invalid'}`, request });
      return false;
    }
    this.failures.delete(failureKey);
    this.inFlight.set(requestId, request);
    this.io.post(message);
    return true;
  }
}

function applyPatch(task: Task, patch: TaskPatch): Task {
  const next: Task = { ...task };
  if (patch.title !== undefined) next.title = patch.title;
  if (patch.done !== undefined) next.done = patch.done;
  if (patch.due !== undefined) next.due = patch.due ?? undefined;
  return next;
}
