import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { eventValue } from '../fields/field-kind';
import type { LoadedPanel } from '../model/panel-controller';
import { NEW_TASK } from '../tasks/task-edits';
import type { TaskActions } from './task-actions';
import { renderTaskFailure, renderTaskRow } from './task-row';

/** The deal's tasks, open then done, and the add-task form, each only where the CRM allows. */
export function renderTasks(loaded: LoadedPanel, actions: TaskActions): TemplateResult {
  const { view, tasks } = loaded;
  if (!view.capabilities.listTasks) {
    return html`<section class="panel-section tasks" aria-labelledby="tasks-heading">
      <h2 id="tasks-heading">Tasks</h2>
      <p class="muted">${view.providerName} tasks cannot be shown here.</p>
    </section>`;
  }
  const rows = tasks.rows();
  const open = rows.filter((r) => !r.task.done).length;
  return html`<section class="panel-section tasks" aria-labelledby="tasks-heading">
    <h2 id="tasks-heading">Tasks <span class="count">${open} open, ${rows.length - open} done</span></h2>
    ${rows.length
      // Keyed by task id: a row reused for another task would keep the old checkbox state.
      ? html`<ul class="task-list">${repeat(rows, (row) => row.task.id, (row) => renderTaskRow({ row, tasks, locale: view.locale }, actions))}</ul>`
      : html`<p class="muted">No tasks yet.</p>`}
    ${view.capabilities.createTask ? renderAddTask(loaded, actions) : nothing}
  </section>`;
}

function renderAddTask({ tasks }: LoadedPanel, actions: TaskActions): TemplateResult {
  const draft = tasks.newTask;
  const failure = tasks.failures.get(NEW_TASK);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    actions.createTask();
  };
  return html`<div class="add-task" role="group" aria-labelledby="add-task-label">
    <span id="add-task-label" class="visually-hidden">Add a task</span>
    <div class="add-task-line" @keydown=${onKeyDown}>
      <label class="visually-hidden" for="new-task-title">New task title</label>
      <vscode-textfield id="new-task-title" class="new-task-title" placeholder="Add a task…" .label=${'New task title'}
        .value=${draft.title} ?invalid=${!!draft.problem}
        @input=${(event: Event) => actions.newTaskDraft({ title: eventValue(event) })}></vscode-textfield>
      <span class="due-group">
        <label class="due-label" for="new-task-due">Due</label>
        <vscode-textfield id="new-task-due" type="date" .label=${'Due date of the new task (optional)'} .value=${draft.due}
          @input=${(event: Event) => actions.newTaskDraft({ due: eventValue(event) })}></vscode-textfield>
      </span>
      <vscode-button icon="add" @click=${actions.createTask}>Add task</vscode-button>
    </div>
    ${draft.problem ? html`<div class="field-problem" role="alert">${draft.problem}</div>` : nothing}
    ${failure ? renderTaskFailure(NEW_TASK, failure.message, actions) : nothing}
  </div>`;
}
