import { isString, ok, type FieldKindModule } from './field-kind';
import { renderSingleLineEditor } from './single-line-editor';

/** One line of text; only spaces counts as empty. */
export const textField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'text' ? value.value : ''),
  isDraft: isString,
  parse: (draft) => (draft.trim() === '' ? ok(null) : ok({ kind: 'text', value: draft })),
  format: (value) => (value.kind === 'text' ? value.value : ''),
  renderEditor: (props) => renderSingleLineEditor(props),
};
