import assert from 'node:assert/strict';
import type { Task } from '../../../src/model';
import { isOverdue } from '../../../webview-ui/tasks/task-due';
import { NEW_TASK, TaskEdits } from '../../../webview-ui/tasks/task-edits';
import { FakeIo, view } from './fixtures';

const TASKS: Task[] = [
  { id: 't1', title: 'Done already', done: true },
  { id: 't2', title: 'Call', due: { kind: 'date', value: '2025-06-01' }, done: false },
  { id: 't3', title: 'Locked', done: false, readOnlyReason: 'Created by an automation' },
];

function setup(capabilities: Partial<ReturnType<typeof view>['capabilities']> = {}) {
  const io = new FakeIo();
  const tasks = new TaskEdits(io, TASKS, { ...view().capabilities, ...capabilities });
  return { io, tasks };
}

const titles = (tasks: TaskEdits) => tasks.rows().map((r) => r.task.title);

describe('Deal panel tasks', () => {
  it('lists open tasks before done ones', () => {
    assert.deepEqual(titles(setup().tasks), ['Call', 'Locked', 'Done already']);
  });

  it('a task is overdue once its day has passed on the user\'s calendar, or its moment has', () => {
    const now = new Date(2025, 5, 2, 9, 0);
    assert.ok(isOverdue({ done: false, due: { kind: 'date', value: '2025-06-01' } }, now));
    assert.ok(!isOverdue({ done: false, due: { kind: 'date', value: '2025-06-02' } }, now), 'due today is not overdue yet');
    assert.ok(!isOverdue({ done: true, due: { kind: 'date', value: '2025-06-01' } }, now));
    assert.ok(isOverdue({ done: false, due: { kind: 'datetime', value: new Date(2025, 5, 2, 8, 0).toISOString() } }, now));
    assert.ok(!isOverdue({ done: false }, now));
  });

  it('adds a task: trimmed title and optional day, shown at once, the form emptied', () => {
    const { io, tasks } = setup();
    tasks.newTask = { title: '  Send quote ', due: '2025-07-01' };
    assert.ok(tasks.createTask());
    assert.deepEqual(io.last('createTask').input, { title: 'Send quote', due: { kind: 'date', value: '2025-07-01' } });
    assert.deepEqual(tasks.newTask, { title: '', due: '' });
    const pending = tasks.rows().find((r) => r.unsaved)!;
    assert.equal(pending.task.title, 'Send quote');
    assert.ok(pending.busy);
    tasks.onTasksChanged(io.last('createTask').requestId, [...TASKS, { id: 't9', title: 'Send quote', done: false }]);
    assert.ok(!tasks.rows().some((r) => r.unsaved));
  });

  it('refuses a task without a title or with a bad day, sending nothing', () => {
    const { io, tasks } = setup();
    tasks.newTask = { title: '   ', due: '' };
    assert.equal(tasks.createTask(), false);
    assert.equal(tasks.newTask.problem, 'A task needs a title');
    tasks.newTask = { title: 'x', due: '2025-02-30' };
    assert.equal(tasks.createTask(), false);
    assert.equal(io.count('createTask'), 0);
  });

  it('a refused new task gives the form its text back, with the CRM\'s words and Retry', () => {
    const { io, tasks } = setup();
    tasks.newTask = { title: 'Send quote', due: '' };
    tasks.createTask();
    tasks.onTaskFailed(io.last('createTask').requestId, { kind: 'validation', retryable: false, message: 'Whole sentence.', fieldErrors: [{ field: 'title', message: 'too long' }] });
    assert.equal(tasks.newTask.title, 'Send quote');
    assert.equal(tasks.failures.get(NEW_TASK)!.message, 'title: too long');
    tasks.retry(NEW_TASK);
    assert.equal(io.count('createTask'), 2);
  });

  it('ticks a task done at once, and puts it back if the CRM refuses', () => {
    const { io, tasks } = setup();
    tasks.setDone(TASKS[1]!, true);
    assert.deepEqual(io.last('updateTask').patch, { done: true });
    assert.ok(tasks.rows().find((r) => r.task.id === 't2')!.task.done);
    tasks.onTaskFailed(io.last('updateTask').requestId, { kind: 'server', retryable: true, message: 'failed', detail: 'HTTP 500' });
    assert.ok(!tasks.rows().find((r) => r.task.id === 't2')!.task.done);
    assert.equal(tasks.failures.get('t2')!.message, 'HTTP 500');
  });

  it('edits a title and a due day inline; unchanged saves send nothing', () => {
    const { io, tasks } = setup();
    tasks.openEditor(TASKS[1]!, 'title');
    assert.ok(tasks.commitEditor(TASKS[1]!, 'title'));
    assert.equal(io.count('updateTask'), 0);
    tasks.openEditor(TASKS[1]!, 'title');
    tasks.updateEditor('t2:title', '');
    assert.equal(tasks.commitEditor(TASKS[1]!, 'title'), false);
    tasks.updateEditor('t2:title', 'Call back');
    assert.ok(tasks.commitEditor(TASKS[1]!, 'title'));
    assert.deepEqual(io.last('updateTask').patch, { title: 'Call back' });
    tasks.openEditor(TASKS[1]!, 'due');
    tasks.updateEditor('t2:due', '');
    tasks.commitEditor(TASKS[1]!, 'due');
    assert.deepEqual(io.last('updateTask').patch, { due: null });
  });

  it('deletes only after the in-panel confirm', () => {
    const { io, tasks } = setup();
    tasks.askDelete('t2');
    assert.ok(tasks.confirmingDelete.has('t2'));
    tasks.cancelDelete('t2');
    assert.equal(io.count('deleteTask'), 0);
    tasks.askDelete('t2');
    tasks.confirmDelete(TASKS[1]!);
    assert.equal(io.last('deleteTask').taskId, 't2');
    assert.ok(tasks.rows().find((r) => r.task.id === 't2')!.deleting);
  });

  it('does only what the CRM and the task allow', () => {
    const { io, tasks } = setup({ updateTask: false, completeTask: false, deleteTask: false });
    tasks.setDone(TASKS[1]!, true);
    tasks.openEditor(TASKS[1]!, 'title');
    tasks.confirmDelete(TASKS[1]!);
    assert.equal(io.posted.length, 0);
    assert.equal(tasks.editors.size, 0);
    const open = setup().tasks;
    assert.ok(!open.canEdit(TASKS[2]!) && !open.canComplete(TASKS[2]!) && !open.canDelete(TASKS[2]!), 'a task with a read-only reason');
    assert.ok(setup({ updateTask: false }).tasks.canComplete(TASKS[1]!), 'completeTask alone is enough to tick');
  });
});
