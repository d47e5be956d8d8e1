import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { BoardCard, BoardColumn } from '../../src/protocol/board-messages';
import { cardSlot, renderCard, type CardHandlers } from './board-card';
import { virtualWindow } from './virtual-window';

export interface ColumnRender {
  column: BoardColumn;
  /** The cards that pass the filters. */
  cards: readonly BoardCard[];
  filtering: boolean;
  scrollTop: number;
  viewport: number;
  tabbableId: string | undefined;
  canDrag: boolean;
  dropTarget: boolean;
}

export interface ColumnHandlers extends CardHandlers {
  loadMore(stageId: string): void;
}

/** A stage: its header (count, totals, weighted) and only the cards scrolled into view. */
export function renderColumn(r: ColumnRender, handlers: ColumnHandlers): TemplateResult {
  const { column, cards } = r;
  const visible = virtualWindow(cards.map(cardSlot), r.scrollTop, r.viewport);
  const drawn = cards.slice(visible.start, visible.end);
  const headingId = `column-${column.stageId}`;
  const classes = ['column', `outcome-${column.outcome}`, r.dropTarget ? 'drop-target' : ''].filter(Boolean).join(' ');
  return html`<section class=${classes} data-stage-id=${column.stageId} aria-labelledby=${headingId}>
    <header class="column-header">
      <h2 id=${headingId} class="column-name">${outcomeIcon(column.outcome)}<span>${column.name}</span></h2>
      <div class="column-stats">
        <span class="column-count" title="Deals in this stage">${column.countText}</span>${column.totalsText
          ? html`<span class="column-total"> · ${column.totalsText}</span>` : nothing}
      </div>
      ${column.weightedText
        ? html`<div class="column-weighted" title=${column.weightedPartial ? 'Weighted by probability, over the deals loaded so far' : 'Weighted by probability'}>
            Weighted ${column.weightedText}${column.weightedPartial ? html`<span class="muted"> (${column.loaded} loaded)</span>` : nothing}</div>`
        : nothing}
      ${r.filtering ? html`<div class="column-shown muted">${cards.length} shown</div>` : nothing}
    </header>
    <div class="column-body" data-stage-id=${column.stageId}>
      <div class="column-list" role="list" aria-labelledby=${headingId} style=${`height:${visible.height}px`}>
        ${repeat(drawn, (card) => card.id, (card, i) => renderCard({
          card, stageId: column.stageId, top: visible.tops[i] ?? 0, position: visible.start + i + 1, setSize: cards.length,
          tabbable: card.id === r.tabbableId, draggable: r.canDrag && !card.locked && !card.saving,
        }, handlers))}
      </div>
      ${renderFooter(r, handlers)}
    </div>
  </section>`;
}

function renderFooter({ column, cards, filtering }: ColumnRender, handlers: ColumnHandlers): TemplateResult | typeof nothing {
  if (column.error) {
    return html`<div class="column-footer column-error" role="alert">
      <span>${column.error.message}</span>
      <vscode-button @click=${() => handlers.loadMore(column.stageId)}>Retry</vscode-button>
    </div>`;
  }
  if (column.loading) {
    return html`<div class="column-footer muted"><vscode-progress-ring aria-hidden="true"></vscode-progress-ring>Loading…</div>`;
  }
  if (column.hasMore) {
    const of = column.total !== undefined ? ` of ${column.total}` : '';
    return html`<div class="column-footer">
      <vscode-button secondary class="load-more" @click=${() => handlers.loadMore(column.stageId)}>Load more (${column.loaded}${of})</vscode-button>
    </div>`;
  }
  if (cards.length === 0) {
    return html`<div class="column-footer muted">${filtering && column.cards.length ? 'No deals match the filters' : 'No deals in this stage'}</div>`;
  }
  return nothing;
}

function outcomeIcon(outcome: BoardColumn['outcome']): TemplateResult | typeof nothing {
  if (outcome === 'won') return html`<vscode-icon name="pass" class="won-icon" aria-label="won stage"></vscode-icon>`;
  if (outcome === 'lost') return html`<vscode-icon name="circle-slash" class="lost-icon" aria-label="lost stage"></vscode-icon>`;
  return nothing;
}
