import type { EditorDraft } from '../fields/field-kind';

/** What a field row can ask the panel to do; the panel turns each into a controller call and a redraw. */
export interface FieldActions {
  /** `byPointer`: opened with the mouse, so a select opens its list at once (the keyboard opens it with Enter/arrows). */
  open(id: string, byPointer?: boolean): void;
  draft(id: string, draft: EditorDraft): void;
  /** `keyboard` and `change` return focus to the field; `blur` leaves it where the user put it. */
  commit(id: string, how: 'keyboard' | 'change' | 'blur'): void;
  commitDirect(id: string, draft: EditorDraft): void;
  cancel(id: string): void;
  retry(id: string): void;
  editAgain(id: string): void;
  dismiss(id: string): void;
  openUrl(url: string): void;
}

/** The ids of one field's elements, shared by the row and the panel's focus handling. */
export const rowIds = (domKey: string) => ({
  label: `lbl-${domKey}`,
  value: `val-${domKey}`,
  editor: `ed-${domKey}`,
  problem: `prob-${domKey}`,
});
