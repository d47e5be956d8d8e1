import { html, nothing, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';

/** A CRM colour (stage or option) as a small dot; anything the browser does not read as a colour is not drawn. */
export function renderSwatch(color: string | undefined): TemplateResult | typeof nothing {
  if (!color || !CSS.supports('color', color)) return nothing;
  return html`<span class="swatch" aria-hidden="true" style=${styleMap({ backgroundColor: color })}></span>`;
}
