import { html, type TemplateResult } from 'lit';
import type { LoadedPanel } from '../model/panel-controller';
import { renderFieldRow } from './field-row';
import type { PanelActions } from './panel-actions';

/** Every custom field the CRM defines, in its order, empty ones included so they can be filled. */
export function renderCustomFields(loaded: LoadedPanel, actions: PanelActions): TemplateResult {
  const { view, edits } = loaded;
  const slots = edits.slots();
  const rows = view.fields.map((def) => slots.get(`custom:${def.key}`)).filter((slot) => slot !== undefined);
  return html`<section class="panel-section custom-fields" aria-labelledby="custom-fields-heading">
    <h2 id="custom-fields-heading">Custom fields</h2>
    ${rows.length
      ? html`<div class="field-grid">${rows.map((slot) => renderFieldRow({ slot, edits, providerName: view.providerName }, actions))}</div>`
      : html`<p class="muted">${view.providerName} has no custom fields for deals.</p>`}
  </section>`;
}
