import { isString, ok, refuse, type FieldKindModule } from './field-kind';
import { renderSingleLineEditor } from './single-line-editor';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const emailField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'email' ? value.value : ''),
  isDraft: isString,
  parse(draft) {
    const text = draft.trim();
    if (text === '') return ok(null);
    return EMAIL.test(text) ? ok({ kind: 'email', value: text }) : refuse('Enter an email address like name@example.com');
  },
  format: (value) => (value.kind === 'email' ? value.value : ''),
  renderEditor: (props) => renderSingleLineEditor(props, { type: 'email', inputMode: 'email' }),
};
