import type { SaveGesture } from '../fields/field-kind';

export type EditorKeyIntent = 'save' | 'cancel' | undefined;

/** Whether a key press inside an open editor saves it, cancels it, or belongs to the control. */
export function editorKeyIntent(event: KeyboardEvent, gesture: SaveGesture): EditorKeyIntent {
  const path = event.composedPath();
  // Enter on the editor's own Save/Cancel buttons presses that button.
  if (path.some((el) => el instanceof HTMLElement && /^VSCODE-(TOOLBAR-)?BUTTON$/.test(el.tagName))) return undefined;
  if (event.key === 'Escape') {
    // Escape first closes an open dropdown; only the next one cancels the edit.
    const openSelect = path.some((el) => el instanceof HTMLElement && el.tagName.endsWith('-SELECT') && (el as HTMLElement & { open?: boolean }).open);
    return openSelect ? undefined : 'cancel';
  }
  if (event.key !== 'Enter' || event.isComposing) return undefined;
  if (gesture === 'enter') return event.shiftKey || event.altKey ? undefined : 'save';
  if (gesture === 'ctrl-enter') return event.ctrlKey || event.metaKey ? 'save' : undefined;
  return undefined;
}
