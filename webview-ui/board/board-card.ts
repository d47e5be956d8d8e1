import { html, nothing, type TemplateResult } from 'lit';
import type { BoardCard } from '../../src/protocol/board-messages';

/** Card heights are fixed by state, so a column can place thousands of them without measuring. */
export const CARD_HEIGHT = 94;
export const ERROR_CARD_HEIGHT = 190;
export const CARD_GAP = 6;

export function cardSlot(card: BoardCard): number {
  return (card.error ? ERROR_CARD_HEIGHT : CARD_HEIGHT) + CARD_GAP;
}

export interface CardRender {
  card: BoardCard;
  stageId: string;
  top: number;
  /** 1-based position among the column's shown cards, and how many it shows. */
  position: number;
  setSize: number;
  tabbable: boolean;
  draggable: boolean;
}

export interface CardHandlers {
  retry(dealId: string): void;
  dismiss(dealId: string): void;
}

/** One deal: name, amount, close date, owner, next task (overdue in the error colour), stale and outcome marks. */
export function renderCard(r: CardRender, handlers: CardHandlers): TemplateResult {
  const { card } = r;
  const closed = card.outcome === 'won' || card.outcome === 'lost';
  const classes = ['card', card.saving ? 'saving' : '', card.error ? 'has-error' : '', card.locked ? 'locked' : '', closed ? card.outcome : '']
    .filter(Boolean).join(' ');
  const stop = (run: () => void) => (event: Event) => {
    event.stopPropagation();
    run();
  };
  return html`<div class=${classes} role="listitem" data-deal-id=${card.id} data-stage-id=${r.stageId}
      style=${`top:${r.top}px;height:${cardSlot(card) - CARD_GAP}px`}
      tabindex=${r.tabbable ? '0' : '-1'} draggable=${r.draggable ? 'true' : 'false'}
      aria-label=${cardLabel(card)} aria-describedby="board-keyboard-help"
      aria-posinset=${r.position} aria-setsize=${r.setSize} aria-busy=${card.saving ? 'true' : 'false'}>
    <div class="card-title-line">
      <span class="card-title">${card.name}</span>
      ${card.saving ? html`<vscode-progress-ring class="card-saving" aria-hidden="true"></vscode-progress-ring>` : nothing}
      ${closed ? html`<span class=${`card-badge outcome-${card.outcome}`}>${card.outcome === 'won' ? 'Won' : 'Lost'}</span>` : nothing}
      ${card.staleDays !== undefined ? html`<span class="card-badge stale" title=${`Not updated for ${card.staleDays} days`}>Stale</span>` : nothing}
    </div>
    ${card.locked
      ? html`<div class="card-line muted">${card.locked}</div>`
      : html`<div class="card-line card-amount">${card.amount ?? html`<span class="muted">No amount</span>`}</div>
        <div class="card-line muted">${card.owner?.name ?? 'No owner'}${card.closeDate ? ` · closes ${card.closeDate}` : ''}</div>
        ${card.nextDue
          ? html`<div class=${card.nextDue.overdue ? 'card-line card-due overdue' : 'card-line card-due muted'}>Next task ${card.nextDue.text}${card.nextDue.overdue ? ' (overdue)' : ''}</div>`
          : nothing}`}
    ${card.error
      ? html`<div class="card-error" role="alert">
          <span class="card-error-message" title=${card.error.detail ?? card.error.message}>${card.error.message}</span>
          <span class="card-error-actions">
            ${card.error.retryable ? html`<vscode-button class="card-retry" @click=${stop(() => handlers.retry(card.id))}>Retry</vscode-button>` : nothing}
            <vscode-button class="card-dismiss" secondary @click=${stop(() => handlers.dismiss(card.id))}>Dismiss</vscode-button>
          </span>
        </div>`
      : nothing}
  </div>`;
}

function cardLabel(card: BoardCard): string {
  const parts = [
    card.name,
    card.locked,
    card.amount,
    card.closeDate ? `closes ${card.closeDate}` : undefined,
    card.owner ? `owner ${card.owner.name}` : undefined,
    card.nextDue ? `next task ${card.nextDue.text}${card.nextDue.overdue ? ', overdue' : ''}` : undefined,
    card.staleDays !== undefined ? `stale, not updated for ${card.staleDays} days` : undefined,
    card.outcome === 'won' || card.outcome === 'lost' ? card.outcome : undefined,
    card.saving ? 'saving the move' : undefined,
    card.error ? `move failed: ${card.error.message}` : undefined,
  ];
  return parts.filter(Boolean).join(', ');
}
