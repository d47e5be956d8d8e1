import { html } from 'lit';
import { eventValue, isString, ok, type FieldKindModule } from './field-kind';

/** Several lines: Enter adds a line, Ctrl+Enter saves. */
export const textareaField: FieldKindModule<string> = {
  saveGesture: 'ctrl-enter',
  toDraft: (value) => (value?.kind === 'textarea' ? value.value : ''),
  isDraft: isString,
  parse: (draft) => (draft.trim() === '' ? ok(null) : ok({ kind: 'textarea', value: draft })),
  format: (value) => (value.kind === 'textarea' ? value.value : ''),
  renderEditor: (props) => html`<vscode-textarea
    id=${props.id}
    class="field-editor"
    rows="4"
    resize="vertical"
    .label=${props.label}
    .value=${props.draft}
    ?invalid=${props.invalid}
    @input=${(event: Event) => props.onDraft(eventValue(event))}
  ></vscode-textarea>`,
};
