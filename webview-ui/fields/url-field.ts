import { isString, ok, refuse, type FieldKindModule } from './field-kind';
import { renderSingleLineEditor } from './single-line-editor';

/** Whether a link may be opened: only web addresses, never `javascript:` or `file:`. */
export function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A web address; shown with an "open" button that asks the host to open it. */
export const urlField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'url' ? value.value : ''),
  isDraft: isString,
  parse(draft) {
    const text = draft.trim();
    if (text === '') return ok(null);
    return isWebAddress(text) ? ok({ kind: 'url', value: text }) : refuse('Enter a web address starting with https:// or http://');
  },
  format: (value) => (value.kind === 'url' ? value.value : ''),
  renderEditor: (props) => renderSingleLineEditor(props, { type: 'url', placeholder: 'https://' }),
};
