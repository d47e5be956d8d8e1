import { html } from 'lit';
import { ok, type FieldKindModule } from './field-kind';
import { optionLabel, optionsIncluding } from './option-list';

const isStringList = (draft: unknown): draft is string[] => Array.isArray(draft) && draft.every((v) => typeof v === 'string');

/**
 * Several of the field's options, as a group of checkboxes: every choice is visible and toggled
 * with Space; Enter or leaving the group saves. Choosing none clears the field.
 */
export const multiselectField: FieldKindModule<string[]> = {
  saveGesture: 'enter',
  toDraft: (value) => (value?.kind === 'multiselect' ? [...value.value] : []),
  isDraft: isStringList,
  parse(draft, ctx) {
    if (draft.length === 0) return ok(null);
    // Kept in the field's option order, so the same choice never looks like a change.
    const order = (ctx.def.options ?? []).map((o) => o.value);
    const rank = (value: string) => (order.includes(value) ? order.indexOf(value) : order.length);
    return ok({ kind: 'multiselect', value: [...new Set(draft)].sort((a, b) => rank(a) - rank(b)) });
  },
  format: (value, ctx) => (value.kind === 'multiselect' ? value.value.map((v) => optionLabel(ctx.def.options, v)).join(', ') : ''),
  renderEditor(props) {
    const options = optionsIncluding(props.ctx.def.options ?? [], props.draft);
    const toggle = (value: string, checked: boolean) => {
      const others = props.draft.filter((v) => v !== value);
      props.onDraft(checked ? [...others, value] : others);
    };
    return html`<div class="multiselect-editor" role="group" aria-label=${props.label}>
      ${options.map((option, index) => html`<vscode-checkbox
        id=${index === 0 ? props.id : `${props.id}-${index}`}
        class="field-editor"
        .checked=${props.draft.includes(option.value)}
        @change=${(event: Event) => toggle(option.value, (event.target as HTMLInputElement).checked)}
      >${option.label}</vscode-checkbox>`)}
    </div>`;
  },
};
