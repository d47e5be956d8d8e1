import { isString, ok, refuse, type FieldKindModule } from './field-kind';
import { renderSingleLineEditor } from './single-line-editor';

/** Digits with the usual separators, an optional leading + and an optional extension ("x 12"). */
const PHONE = /^\+?[\d\s().\-/]*\d[\d\s().\-/]*(\s*(x|ext\.?)\s*\d+)?$/i;

export const phoneField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'phone' ? value.value : ''),
  isDraft: isString,
  parse(draft) {
    const text = draft.trim();
    if (text === '') return ok(null);
    return PHONE.test(text) ? ok({ kind: 'phone', value: text }) : refuse('Enter a phone number: digits, spaces, + ( ) - and an optional extension');
  },
  format: (value) => (value.kind === 'phone' ? value.value : ''),
  renderEditor: (props) => renderSingleLineEditor(props, { type: 'tel', inputMode: 'tel' }),
};
