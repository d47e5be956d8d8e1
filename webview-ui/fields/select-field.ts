import { html } from 'lit';
import { eventValue, isString, ok, type FieldKindModule } from './field-kind';
import { optionLabel, optionsIncluding, renderOptions } from './option-list';

/** One of the field's options; saved as soon as one is picked. */
export const selectField: FieldKindModule<string> = {
  saveGesture: 'change',
  toDraft: (value) => (value?.kind === 'select' ? value.value : ''),
  isDraft: isString,
  parse: (draft) => (draft === '' ? ok(null) : ok({ kind: 'select', value: draft })),
  format: (value, ctx) => (value.kind === 'select' ? optionLabel(ctx.def.options, value.value) : ''),
  renderEditor(props) {
    const options = optionsIncluding(props.ctx.def.options ?? [], [props.draft]);
    return html`<vscode-single-select
      id=${props.id}
      class="field-editor"
      .label=${props.label}
      ?invalid=${props.invalid}
      @change=${(event: Event) => {
        props.onDraft(eventValue(event));
        props.onCommit();
      }}
    >${renderOptions(options, props.draft, !props.ctx.def.required)}</vscode-single-select>`;
  },
};
