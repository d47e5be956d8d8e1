import { html, type TemplateResult } from 'lit';
import type { BoardView } from '../../src/protocol/board-messages';
import { eventValue } from '../fields/field-kind';
import type { BoardFilters } from './board-filters';
import { KEYBOARD_HELP, OUTCOME_HELP } from './board-keys';

export interface HeaderActions {
  setFilters(change: Partial<BoardFilters>): void;
  reload(): void;
}

/** The pipeline's name, the filters (text, owner, hide won/lost), Reload, and the keyboard help. */
export function renderBoardHeader(view: BoardView, filters: BoardFilters, owners: readonly { id: string; name: string }[], actions: HeaderActions): TemplateResult {
  const help = `${KEYBOARD_HELP}${view.outcomeZones ? OUTCOME_HELP : ''}.`;
  const where = view.accountLabel === view.providerName ? view.accountLabel : `${view.accountLabel} · ${view.providerName}`;
  return html`<header class="board-header">
    <div class="board-title">
      <h1>${view.pipelineName}</h1>
      <span class="muted">${where}</span>
    </div>
    <div class="board-filters" role="search" aria-label="Filter the cards">
      <vscode-textfield id="board-filter-text" placeholder="Filter by name or owner" .label=${'Filter by name or owner'}
        aria-label="Filter by name or owner" .value=${filters.text}
        @input=${(event: Event) => actions.setFilters({ text: eventValue(event) })}>
        <vscode-icon slot="content-before" name="filter" aria-hidden="true"></vscode-icon>
      </vscode-textfield>
      <label class="visually-hidden" for="board-filter-owner">Owner</label>
      <vscode-single-select id="board-filter-owner" aria-label="Owner" .label=${'Owner'} .value=${filters.ownerId}
        @change=${(event: Event) => actions.setFilters({ ownerId: eventValue(event) })}>
        <vscode-option value="" ?selected=${filters.ownerId === ''}>All owners</vscode-option>
        ${owners.map((o) => html`<vscode-option value=${o.id} ?selected=${filters.ownerId === o.id}>${o.name}</vscode-option>`)}
      </vscode-single-select>
      <vscode-checkbox id="board-hide-closed" .checked=${filters.hideClosed}
        @change=${(event: Event) => actions.setFilters({ hideClosed: Boolean((event.target as { checked?: boolean }).checked) })}>Hide won and lost</vscode-checkbox>
      <vscode-button secondary icon="refresh" @click=${actions.reload}>Reload</vscode-button>
    </div>
    <p id="board-keyboard-help" class="keyboard-help muted">${help}${view.tasksNote ? ` ${view.tasksNote}` : ''}</p>
  </header>`;
}

/** Won and Lost drop zones, for CRMs that keep the outcome on the deal; highlighted while a card is dragged. */
export function renderOutcomeZones(dragging: boolean, dropTarget: string | undefined): TemplateResult {
  const zone = (outcome: 'won' | 'lost') => html`<div class=${`drop-zone zone-${outcome}${dropTarget === outcome ? ' drop-target' : ''}`}
      data-zone=${outcome} aria-label=${`Drop a card here to mark it ${outcome}`}>
      <vscode-icon name=${outcome === 'won' ? 'pass' : 'circle-slash'} aria-hidden="true"></vscode-icon>
      Drop here: ${outcome === 'won' ? 'Won' : 'Lost'}
    </div>`;
  return html`<div class=${`outcome-zones${dragging ? ' dragging' : ''}`}>${zone('won')}${zone('lost')}</div>`;
}
