import { html, nothing, type TemplateResult } from 'lit';
import { classMap } from 'lit/directives/class-map.js';
import type { Task } from '../../src/model';
import { eventValue } from '../fields/field-kind';
import { domId } from '../model/field-id';
import { formatDue, isOverdue } from '../tasks/task-due';
import { taskEditorKey, type TaskEdits, type TaskFieldName, type TaskRow } from '../tasks/task-edits';
import { editorKeyIntent } from './editor-keys';
import { taskIds, type TaskActions } from './task-actions';

interface TaskRowInput {
  row: TaskRow;
  tasks: TaskEdits;
  locale: string | undefined;
}

/** One task: done checkbox, title and due (each edited inline), delete with a confirm step, its error with Retry. */
export function renderTaskRow({ row, tasks, locale }: TaskRowInput, actions: TaskActions): TemplateResult {
  const { task } = row;
  const ids = taskIds(domId('t', task.id));
  const overdue = isOverdue(task);
  const stored = !row.unsaved;
  const failure = tasks.failures.get(task.id);
  return html`<li class=${classMap({ 'task-row': true, done: task.done, overdue, busy: row.busy, deleting: row.deleting })} data-task-id=${task.id}>
    ${stored && tasks.canComplete(task) && !row.deleting
      ? html`<vscode-checkbox id=${ids.check} class="task-done" aria-label=${`Done: ${task.title}`} .checked=${task.done}
          @change=${(event: Event) => actions.setDone(task, (event.target as HTMLInputElement).checked)}></vscode-checkbox>`
      : html`<span class="task-state" role="img" aria-label=${task.done ? 'Done' : 'Open'}><vscode-icon name=${task.done ? 'pass-filled' : 'circle-large-outline'}></vscode-icon></span>`}
    <div class="task-main">
      ${renderPart(row, tasks, 'title', task.title, ids, actions)}
      <div class="task-meta">
        ${renderPart(row, tasks, 'due', task.due ? formatDue(task.due, locale) : '', ids, actions)}
        ${overdue ? html`<span class="overdue-label">Overdue</span>` : nothing}
        ${task.assignee ? html`<span class="task-assignee">${task.assignee.name}</span>` : nothing}
        ${task.readOnlyReason ? html`<span class="read-only-reason">${task.readOnlyReason}</span>` : nothing}
      </div>
    </div>
    <div class="task-tail">
      ${row.busy ? html`<vscode-progress-ring class="saving" .ariaLabel=${row.deleting ? 'Deleting task' : 'Saving task'}></vscode-progress-ring>` : nothing}
      ${stored && !row.busy && tasks.canDelete(task) ? renderDelete(task, tasks.confirmingDelete.has(task.id), ids, actions) : nothing}
    </div>
    ${failure ? renderTaskFailure(task.id, failure.message, actions) : nothing}
  </li>`;
}

function renderPart(row: TaskRow, tasks: TaskEdits, field: TaskFieldName, text: string, ids: ReturnType<typeof taskIds>, actions: TaskActions): TemplateResult {
  const { task } = row;
  const editor = tasks.editors.get(taskEditorKey(task.id, field));
  const cls = field === 'title' ? 'task-title' : 'task-due';
  if (editor) {
    const onKeyDown = {
      capture: true,
      handleEvent: (event: KeyboardEvent) => {
        const intent = editorKeyIntent(event, 'enter');
        if (!intent) return;
        event.preventDefault();
        event.stopPropagation();
        if (intent === 'save') actions.commitTaskEditor(task, field, 'keyboard');
        else actions.cancelTaskEditor(task, field);
      },
    };
    const onFocusOut = (event: FocusEvent) => {
      const next = event.relatedTarget as Node | null;
      if ((next && (event.currentTarget as HTMLElement).contains(next)) || !document.hasFocus()) return;
      actions.commitTaskEditor(task, field, 'blur');
    };
    const type = field === 'title' ? 'text' : task.due?.kind === 'datetime' ? 'datetime-local' : 'date';
    return html`<div class=${`task-editing ${cls}`} @keydown=${onKeyDown} @focusout=${onFocusOut}>
      <vscode-textfield id=${field === 'title' ? ids.titleEditor : ids.dueEditor} type=${type}
        .label=${field === 'title' ? 'Task title' : `Due date of ${task.title}`} .value=${editor.draft} ?invalid=${!!editor.problem}
        @input=${(event: Event) => actions.taskDraft(task, field, eventValue(event))}></vscode-textfield>
      ${editor.problem ? html`<div class="field-problem" role="alert">${editor.problem}</div>` : nothing}
    </div>`;
  }
  const editable = !row.unsaved && !row.deleting && tasks.canEdit(task);
  const shown = text || (field === 'due' ? (editable ? 'Add due date' : '') : 'Untitled');
  if (!editable) return shown ? html`<span class=${cls}>${field === 'due' ? `Due ${shown}` : shown}</span>` : html``;
  const id = field === 'title' ? ids.title : ids.due;
  const label = field === 'title' ? `Edit title: ${task.title}` : text ? `Edit due date: ${text}` : `Add a due date to ${task.title}`;
  return html`<button type="button" id=${id} class=${classMap({ 'value-button': true, [cls]: true, empty: !text })} aria-label=${label}
    title=${field === 'title' ? 'Edit title' : 'Edit due date'} @click=${() => actions.openTaskEditor(task, field)}>${field === 'due' && text ? `Due ${shown}` : shown}</button>`;
}

function renderDelete(task: Task, confirming: boolean, ids: ReturnType<typeof taskIds>, actions: TaskActions): TemplateResult {
  if (!confirming) {
    return html`<vscode-toolbar-button id=${ids.remove} icon="trash" label=${`Delete task: ${task.title}`} title="Delete task"
      @click=${() => actions.askDelete(task)}></vscode-toolbar-button>`;
  }
  return html`<span class="confirm-delete" role="group" aria-label="Confirm deleting the task">
    <span>Delete this task?</span>
    <vscode-button id=${ids.confirm} @click=${() => actions.confirmDelete(task)}>Delete</vscode-button>
    <vscode-button secondary @click=${() => actions.cancelDelete(task)}>Cancel</vscode-button>
  </span>`;
}

export function renderTaskFailure(key: string, message: string, actions: TaskActions): TemplateResult {
  return html`<div class="field-error task-error" role="alert">
    <vscode-icon name="error" aria-hidden="true"></vscode-icon>
    <div class="field-error-body">
      <div class="field-error-message">${message}</div>
      <div class="field-error-actions">
        <vscode-button secondary @click=${() => actions.retryTask(key)}>Retry</vscode-button>
        <vscode-toolbar-button icon="close" label="Dismiss the error" title="Dismiss" @click=${() => actions.dismissTaskError(key)}></vscode-toolbar-button>
      </div>
    </div>
  </div>`;
}
