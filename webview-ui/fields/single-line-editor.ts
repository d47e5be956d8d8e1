import { html, type TemplateResult } from 'lit';
import { eventValue, type EditorProps } from './field-kind';

type InputType = 'text' | 'email' | 'tel' | 'url' | 'date' | 'datetime-local';

/** The one-line text box behind the text, number, email, phone, url and date editors. */
export function renderSingleLineEditor(
  props: EditorProps<string>,
  options: { type?: InputType; placeholder?: string; inputMode?: string } = {},
): TemplateResult {
  return html`<vscode-textfield
    id=${props.id}
    class="field-editor"
    type=${options.type ?? 'text'}
    .label=${props.label}
    .value=${props.draft}
    .placeholder=${options.placeholder ?? ''}
    inputmode=${options.inputMode ?? 'text'}
    ?invalid=${props.invalid}
    @input=${(event: Event) => props.onDraft(eventValue(event))}
  ></vscode-textfield>`;
}
