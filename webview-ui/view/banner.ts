import { html, nothing, type TemplateResult } from 'lit';
import type { ErrorInfo } from '../../src/protocol';

export type BannerTone = 'error' | 'warning' | 'info';

export interface BannerAction {
  label: string;
  run(): void;
  secondary?: boolean;
}

const ICON: Record<BannerTone, string> = { error: 'error', warning: 'warning', info: 'info' };

/** A message across the top of the panel with its actions: load errors, conflicts, the CRM's note. */
export function renderBanner(tone: BannerTone, message: TemplateResult | string, actions: BannerAction[] = [], detail?: string): TemplateResult {
  return html`<div class=${`banner banner-${tone}`} role=${tone === 'info' ? 'note' : 'alert'}>
    <vscode-icon name=${ICON[tone]} aria-hidden="true"></vscode-icon>
    <div class="banner-body">
      <div class="banner-message">${message}</div>
      ${detail ? html`<div class="banner-detail">${detail}</div>` : nothing}
      ${actions.length
        ? html`<div class="banner-actions">${actions.map((action) => html`<vscode-button ?secondary=${action.secondary} @click=${action.run}>${action.label}</vscode-button>`)}</div>`
        : nothing}
    </div>
  </div>`;
}

/** The deal could not be loaded: the whole sentence, the CRM's words if any, and Retry. */
export function renderLoadErrorBanner(error: ErrorInfo, retry: () => void): TemplateResult {
  const detail = error.detail && !error.message.includes(error.detail) ? error.detail : undefined;
  return renderBanner('error', error.message, [{ label: 'Retry', run: retry }], detail);
}

/** Someone changed the deal in the CRM after it was loaded here; the user picks whose version wins. */
export function renderConflictBanner(providerName: string, fieldLabels: string[], reload: () => void, overwrite: () => void): TemplateResult {
  const fields = fieldLabels.join(', ');
  return renderBanner(
    'warning',
    `This deal changed in ${providerName} since it was loaded here, so your change to ${fields} was not saved.`,
    [{ label: 'Reload', run: reload }, { label: 'Overwrite', run: overwrite, secondary: true }],
    `Reload shows the deal as it is now and keeps your value to apply again; Overwrite saves your value over the other change.`,
  );
}
