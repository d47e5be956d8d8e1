import { html } from 'lit';
import { eventValue, isString, ok, refuse, type FieldKindModule } from './field-kind';
import { renderOptions } from './option-list';

/** A person from the CRM's user list, picked by name and stored as id + name. */
export const userField: FieldKindModule<string> = {
  saveGesture: 'change',
  toDraft: (value) => (value?.kind === 'user' ? value.value.id : ''),
  isDraft: isString,
  parse(draft, ctx) {
    if (draft === '') return ok(null);
    const user = ctx.users.find((u) => u.id === draft)
      ?? (ctx.current?.kind === 'user' && ctx.current.value.id === draft ? ctx.current.value : undefined);
    return user ? ok({ kind: 'user', value: { id: user.id, name: user.name } }) : refuse('Pick someone from the list');
  },
  format: (value) => (value.kind === 'user' ? value.value.name : ''),
  renderEditor(props) {
    const options = props.ctx.users.map((u) => ({ value: u.id, label: u.name }));
    if (props.ctx.current?.kind === 'user' && !options.some((o) => o.value === props.draft) && props.draft !== '') {
      options.push({ value: props.ctx.current.value.id, label: props.ctx.current.value.name });
    }
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
