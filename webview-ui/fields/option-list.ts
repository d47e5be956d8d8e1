import { html, nothing, type TemplateResult } from 'lit';
import type { FieldOption } from '../../src/model';

/** The label of the empty choice in selects that may be cleared. */
export const NO_CHOICE_LABEL = '(none)';

/**
 * The options to offer: the field's own, plus the stored value when the CRM no longer lists it,
 * so that opening and closing the editor never changes the value by itself.
 */
export function optionsIncluding(options: readonly FieldOption[], stored: readonly string[]): FieldOption[] {
  const missing = stored.filter((value) => value !== '' && !options.some((o) => o.value === value));
  return [...options, ...missing.map((value) => ({ value, label: `${value} (no longer an option)` }))];
}

export function optionLabel(options: readonly FieldOption[] | undefined, value: string): string {
  return options?.find((o) => o.value === value)?.label ?? value;
}

/** `<vscode-option>`s with the labels as text, never markup. */
export function renderOptions(options: readonly FieldOption[], selected: string, clearable: boolean): TemplateResult {
  return html`${clearable ? html`<vscode-option value="" ?selected=${selected === ''}>${NO_CHOICE_LABEL}</vscode-option>` : nothing}${options.map(
    (option) => html`<vscode-option .value=${option.value} ?selected=${option.value === selected}>${option.label}</vscode-option>`,
  )}`;
}
