import type { Task } from '../../src/model';
import type { NewTaskDraft, TaskFieldName } from '../tasks/task-edits';

export interface TaskActions {
  setDone(task: Task, done: boolean): void;
  openTaskEditor(task: Task, field: TaskFieldName): void;
  taskDraft(task: Task, field: TaskFieldName, draft: string): void;
  commitTaskEditor(task: Task, field: TaskFieldName, how: 'keyboard' | 'blur'): void;
  cancelTaskEditor(task: Task, field: TaskFieldName): void;
  askDelete(task: Task): void;
  confirmDelete(task: Task): void;
  cancelDelete(task: Task): void;
  retryTask(key: string): void;
  dismissTaskError(key: string): void;
  newTaskDraft(draft: Partial<NewTaskDraft>): void;
  createTask(): void;
}

/** The ids of one task's elements, for labels and for giving focus back after an edit. */
export const taskIds = (domKey: string) => ({
  check: `task-done-${domKey}`,
  title: `task-title-${domKey}`,
  titleEditor: `task-title-ed-${domKey}`,
  due: `task-due-${domKey}`,
  dueEditor: `task-due-ed-${domKey}`,
  remove: `task-del-${domKey}`,
  confirm: `task-del-yes-${domKey}`,
});
