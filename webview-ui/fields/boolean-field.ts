import { html } from 'lit';
import { ok, type FieldKindModule } from './field-kind';

/** Yes/no: a checkbox that saves when toggled, with no separate display mode. */
export const booleanField: FieldKindModule<boolean> = {
  saveGesture: 'direct',
  toDraft: (value) => value?.kind === 'boolean' && value.value,
  isDraft: (draft): draft is boolean => typeof draft === 'boolean',
  parse: (draft) => ok({ kind: 'boolean', value: draft }),
  format: (value) => (value.kind === 'boolean' ? (value.value ? 'Yes' : 'No') : ''),
  renderEditor: (props) => html`<vscode-checkbox
    id=${props.id}
    class="field-editor"
    .checked=${props.draft}
    aria-label=${props.label}
    @change=${(event: Event) => {
      props.onDraft((event.target as HTMLInputElement).checked);
      props.onCommit();
    }}
  ></vscode-checkbox>`,
};
