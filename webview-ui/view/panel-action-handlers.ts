import type { Task } from '../../src/model';
import { domId } from '../model/field-id';
import type { PanelController } from '../model/panel-controller';
import { taskEditorKey, type TaskFieldName } from '../tasks/task-edits';
import { rowIds } from './field-actions';
import type { FocusTarget } from './focus';
import type { PanelActions } from './panel-actions';
import { taskIds } from './task-actions';

/** How the panel is told to redraw, and which element should have focus afterwards. */
export type Changed = (focus?: FocusTarget) => void;

const fieldIds = (id: string) => rowIds(domId('f', id));
/** Focus back on a field's value or a task's part, after the key that saved or cancelled it. */
const back = (id: string): FocusTarget => ({ id, afterKey: true });
const idsOfTask = (task: Task) => taskIds(domId('t', task.id));

/** Turns what the user does into controller calls, each followed by a redraw and, for the keyboard, a focus move. */
export function createPanelActions(controller: PanelController, changed: Changed): PanelActions {
  const withEdits = <T>(run: (loaded: NonNullable<PanelController['loaded']>) => T): T | undefined => {
    const loaded = controller.loaded;
    return loaded ? run(loaded) : undefined;
  };
  const taskFocus = (task: Task, field: TaskFieldName) => (field === 'title' ? idsOfTask(task).title : idsOfTask(task).due);
  return {
    refresh: () => { controller.refresh(); changed(); },
    reload: () => { controller.refresh(); changed(); },
    openInCrm: () => controller.openInCrm(),
    openUrl: (url) => controller.openUrl(url),
    overwrite: () => { withEdits((l) => l.edits.overwriteConflicts()); changed(); },

    open(id, byPointer) {
      withEdits((l) => l.edits.open(id));
      const kind = withEdits((l) => l.edits.slots().get(id)?.def.kind);
      const isSelect = kind === 'select' || kind === 'user';
      changed({ id: fieldIds(id).editor, select: kind === 'text' || kind === 'number' || kind === 'money', open: isSelect && byPointer });
    },
    draft: (id, draft) => { withEdits((l) => l.edits.update(id, draft)); changed(); },
    commit(id, how) {
      const result = withEdits((l) => l.edits.commit(id));
      if (result === 'closed' || result === undefined) return;
      // After a blur, focus stays where the user put it, even when the draft was refused.
      if (how === 'blur') changed();
      else changed(result === 'invalid' ? { id: fieldIds(id).editor } : back(fieldIds(id).value));
    },
    commitDirect: (id, draft) => { withEdits((l) => l.edits.commit(id, draft)); changed(); },
    cancel: (id) => { withEdits((l) => l.edits.cancel(id)); changed(back(fieldIds(id).value)); },
    retry: (id) => { withEdits((l) => l.edits.retry(id)); changed(back(fieldIds(id).value)); },
    editAgain: (id) => { withEdits((l) => l.edits.editAgain(id)); changed({ id: fieldIds(id).editor }); },
    dismiss: (id) => { withEdits((l) => l.edits.dismiss(id)); changed(back(fieldIds(id).value)); },

    setDone: (task, done) => { withEdits((l) => l.tasks.setDone(task, done)); changed(); },
    openTaskEditor(task, field) {
      withEdits((l) => l.tasks.openEditor(task, field));
      changed({ id: field === 'title' ? idsOfTask(task).titleEditor : idsOfTask(task).dueEditor, select: field === 'title' });
    },
    taskDraft: (task, field, draft) => { withEdits((l) => l.tasks.updateEditor(taskEditorKey(task.id, field), draft)); changed(); },
    commitTaskEditor(task, field, how) {
      const saved = withEdits((l) => l.tasks.commitEditor(task, field));
      const editorId = field === 'title' ? idsOfTask(task).titleEditor : idsOfTask(task).dueEditor;
      if (how === 'blur') changed();
      else changed(saved === false ? { id: editorId } : back(taskFocus(task, field)));
    },
    cancelTaskEditor: (task, field) => { withEdits((l) => l.tasks.cancelEditor(taskEditorKey(task.id, field))); changed(back(taskFocus(task, field))); },
    askDelete: (task) => { withEdits((l) => l.tasks.askDelete(task.id)); changed(back(idsOfTask(task).confirm)); },
    confirmDelete: (task) => { withEdits((l) => l.tasks.confirmDelete(task)); changed(back('new-task-title')); },
    cancelDelete: (task) => { withEdits((l) => l.tasks.cancelDelete(task.id)); changed(back(idsOfTask(task).remove)); },
    retryTask: (key) => { withEdits((l) => l.tasks.retry(key)); changed(); },
    dismissTaskError: (key) => { withEdits((l) => l.tasks.dismiss(key)); changed(); },
    newTaskDraft(draft) {
      withEdits((l) => { l.tasks.newTask = { ...l.tasks.newTask, ...draft, problem: undefined }; });
      changed();
    },
    createTask() {
      const sent = withEdits((l) => l.tasks.createTask());
      changed({ id: 'new-task-title' });
      return sent;
    },
  };
}
