import { html, nothing, type TemplateResult } from 'lit';
import { formatInstant } from '../fields/locale-format';
import type { LoadedPanel } from '../model/panel-controller';
import { renderFieldRow } from './field-row';
import type { PanelActions } from './panel-actions';

function staticRow(label: string, text: string): TemplateResult {
  return html`<div class="field-row static"><span class="field-label">${label}</span><div class="field-cell"><span class="value-readonly">${text}</span></div></div>`;
}

/** Name, the open/won/lost badge, the deal's own fields, its dates, and Open in CRM / Refresh. */
export function renderHeader(loaded: LoadedPanel, actions: PanelActions): TemplateResult {
  const { view, edits } = loaded;
  const deal = edits.currentDeal;
  const slots = edits.slots();
  const row = (id: string, variant?: 'title') => {
    const slot = slots.get(id);
    return slot ? renderFieldRow({ slot, edits, providerName: view.providerName, variant }, actions) : nothing;
  };
  const people = [deal.company && staticRow('Company', deal.company.name), deal.contact && staticRow('Contact', deal.contact.name)];
  return html`<header class="deal-header">
    <div class="title-line">
      <div class="deal-title" role="heading" aria-level="1">${row('name', 'title')}</div>
      <div class="header-actions">
        ${view.hasWebUrl
          ? html`<vscode-button secondary icon="link-external" @click=${actions.openInCrm}>Open in ${view.providerName}</vscode-button>`
          : nothing}
        <vscode-button secondary icon="refresh" @click=${actions.refresh}>Refresh</vscode-button>
      </div>
    </div>
    <div class="subtitle">${view.providerName} · ${view.accountLabel}</div>
    <section class="field-grid standard-fields" aria-label="Deal">
      ${['stageId', 'amount', 'amountPeriod', 'outcome', 'ownerId', 'expectedClose', 'probability', 'description'].map((id) => row(id))}
      ${people.map((p) => p || nothing)}
      ${deal.createdAt ? staticRow('Created', formatInstant(deal.createdAt, view.locale)) : nothing}
      ${deal.updatedAt ? staticRow('Updated', formatInstant(deal.updatedAt, view.locale)) : nothing}
    </section>
  </header>`;
}
