import { html } from 'lit';
import { refuse, type FieldKindModule } from './field-kind';

/** References and values of kinds this extension does not know: shown, never edited. */
export const readonlyField: FieldKindModule<string> = {
  saveGesture: 'enter',
  toDraft: () => '',
  isDraft: (draft): draft is string => typeof draft === 'string',
  parse: () => refuse('This field cannot be changed here'),
  format(value) {
    if (value.kind === 'reference') return value.value.name;
    if (value.kind === 'unknown') return typeof value.value === 'string' ? value.value : JSON.stringify(value.value) ?? '';
    return '';
  },
  renderEditor: () => html``,
};
