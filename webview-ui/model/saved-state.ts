import { z } from 'zod';
import { FieldValueSchema } from '../../src/model';
import { DealPatchSchema, FieldRefSchema } from '../../src/protocol';
import type { EditorDraft } from '../fields/field-kind';
import { fieldKindModule } from '../fields/field-kinds';
import type { TaskEdits } from '../tasks/task-edits';
import type { DealEdits } from './deal-edits';
import { sameFieldValue } from './field-value-equality';

/**
 * What survives the panel being hidden and shown again (VS Code discards a hidden webview): open
 * editors' drafts, the typed values of edits not yet confirmed, the add-task form and the scroll
 * position. Read back through a schema, since it comes from an older run of this code.
 */
const DraftSchema = z.union([
  z.string(), z.boolean(), z.array(z.string()), z.object({ amount: z.string(), currency: z.string() }),
]);

const UnsavedSchema = z.object({
  status: z.enum(['pending', 'failed', 'conflict']),
  field: FieldRefSchema,
  patch: DealPatchSchema,
  value: FieldValueSchema.nullable(),
  draft: DraftSchema,
  message: z.string().optional(),
});

export const SavedStateSchema = z.object({
  version: z.literal(1),
  // The host's panel serializer reads these two to bring the panel back after a window reload.
  accountId: z.string(),
  dealId: z.string(),
  scrollY: z.number().min(0),
  fieldEditors: z.record(z.string(), DraftSchema),
  unsaved: z.record(z.string(), UnsavedSchema),
  taskEditors: z.record(z.string(), z.string()),
  newTask: z.object({ title: z.string(), due: z.string() }),
});
export type SavedState = z.infer<typeof SavedStateSchema>;

export function readSavedState(raw: unknown): SavedState | undefined {
  const parsed = SavedStateSchema.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

export function snapshot(ids: { accountId: string; dealId: string }, scrollY: number, edits: DealEdits, tasks: TaskEdits): SavedState {
  const unsaved: SavedState['unsaved'] = {};
  for (const [id, edit] of edits.pending) unsaved[id] = { status: 'pending', field: edit.field, patch: edit.patch, value: edit.value, draft: edit.draft };
  for (const [id, edit] of edits.conflicts) unsaved[id] = { status: 'conflict', field: edit.field, patch: edit.patch, value: edit.value, draft: edit.draft };
  for (const [id, edit] of edits.failed) {
    unsaved[id] = { status: 'failed', field: edit.field, patch: edit.patch, value: edit.value, draft: edit.draft, message: edit.message };
  }
  return {
    version: 1,
    accountId: ids.accountId,
    dealId: ids.dealId,
    scrollY: Math.max(0, Math.round(scrollY)),
    fieldEditors: Object.fromEntries([...edits.editors].map(([id, editor]) => [id, editor.draft])),
    unsaved,
    taskEditors: Object.fromEntries([...tasks.editors].map(([key, editor]) => [key, editor.draft])),
    newTask: { title: tasks.newTask.title, due: tasks.newTask.due },
  };
}

/** Puts saved drafts back after the first load; edits whose outcome was never heard become failures to check. */
export function restore(saved: SavedState, edits: DealEdits, tasks: TaskEdits, providerName: string): void {
  const slots = edits.slots();
  for (const [id, draft] of Object.entries(saved.fieldEditors)) {
    const slot = slots.get(id);
    if (slot?.editable && fieldKindModule(slot.def.kind).isDraft(draft)) edits.open(id, draft as EditorDraft);
  }
  for (const [id, unsaved] of Object.entries(saved.unsaved)) {
    const slot = slots.get(id);
    if (!slot) continue;
    const stored = slot.read(edits.currentDeal);
    if (unsaved.status !== 'failed' && sameFieldValue(stored, unsaved.value)) continue;
    const message = unsaved.status === 'failed'
      ? unsaved.message ?? 'Not saved'
      : unsaved.status === 'conflict'
        ? `Not saved: the deal had changed in ${providerName}. Your value is kept: Retry applies it to the reloaded deal.`
        : `Not confirmed: the panel was hidden before ${providerName} answered, and the value shown is what ${providerName} has now. Retry sends yours again.`;
    edits.restoreFailed(id, { field: unsaved.field, patch: unsaved.patch, value: unsaved.value, draft: unsaved.draft, message });
  }
  for (const [key, draft] of Object.entries(saved.taskEditors)) {
    const [taskId, field] = splitTaskKey(key);
    const task = tasks.tasks.find((t) => t.id === taskId);
    if (task && (field === 'title' || field === 'due')) tasks.openEditor(task, field, draft);
  }
  tasks.newTask = { ...saved.newTask };
}

function splitTaskKey(key: string): [string, string] {
  const at = key.lastIndexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
}
