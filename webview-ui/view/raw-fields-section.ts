import { html, type TemplateResult } from 'lit';

function rawText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '';
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** Every key the CRM returned for the deal, as text, for what the panel does not show otherwise. */
export function renderRawFields(raw: Record<string, unknown>): TemplateResult {
  const entries = Object.entries(raw);
  return html`<vscode-collapsible class="raw-fields" heading="All fields" description=${`${entries.length}`}>
    <dl class="raw-list">
      ${entries.map(([key, value]) => html`<dt>${key}</dt><dd class=${typeof value === 'object' && value !== null ? 'json' : ''}>${rawText(value)}</dd>`)}
    </dl>
  </vscode-collapsible>`;
}
