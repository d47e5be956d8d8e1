import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { BoardCard, BoardColumn, BoardView, HostToBoard, MoveTarget } from '../../src/protocol/board-messages';
import type { ErrorInfo } from '../../src/protocol';
import { eventValue } from '../fields/field-kind';
import { vscodeApi, type VsCodeApi } from '../host/vscode-api';
import { renderBanner, renderLoadErrorBanner } from '../view/banner';
import { BoardBridge } from './board-bridge';
import { cardSlot } from './board-card';
import { renderColumn } from './board-column';
import { createCardFilter, isFiltering, NO_FILTERS, ownersOf, visibleColumns, type BoardFilters } from './board-filters';
import { cardKeyAction, KEYBOARD_HELP, OUTCOME_HELP } from './board-keys';
import { readSavedState } from './saved-state';
import { scrollToShow, topOf } from './virtual-window';

/** The drag payload's type: only drags of this board's cards are accepted as drops. */
const DEAL_MIME = 'application/x-crm-deal';
/** Ask for the next page when the scroll is this close to the end of a column. */
const LOAD_AHEAD_PX = 600;

interface DragPayload {
  dealId: string;
  fromStageId: string;
}

/**
 * `<crm-board>`: a pipeline's stages as columns of deal cards. Draws what the host sends and
 * asks it for pages and moves; filtering, scrolling, focus and drag and drop happen here.
 */
export class CrmBoard extends LitElement {
  private api?: VsCodeApi;
  private bridge?: BoardBridge;
  private view?: BoardView;
  private columns: BoardColumn[] = [];
  private loadError?: ErrorInfo;
  private filters: BoardFilters = NO_FILTERS;
  private readonly filterCards = createCardFilter();
  private readonly scrollState = new Map<string, { top: number; height: number }>();
  private readonly pageAsked = new Map<string, number>();
  private activeDealId?: string;
  private focusRequest?: string;
  private dragging?: DragPayload;
  private dropTarget?: string;
  private announcement = '';
  private owners: { columns: BoardColumn[]; list: { id: string; name: string }[] } = { columns: [], list: [] };
  private readonly onResize = () => this.measure();

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.bridge) return;
    const api = vscodeApi();
    const saved = readSavedState(api.getState());
    this.filters = saved.filters;
    this.activeDealId = saved.activeDealId;
    this.api = api;
    this.bridge = new BoardBridge(api, (message) => this.receive(message));
    this.bridge.listen();
    window.addEventListener('resize', this.onResize);
    this.bridge.post({ type: 'ready' });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('resize', this.onResize);
    this.bridge?.dispose();
    this.bridge = undefined;
  }

  private receive(message: HostToBoard): void {
    switch (message.type) {
      case 'loading':
        if (!this.view) this.loadError = undefined;
        break;
      case 'loadError':
        this.loadError = message.error;
        break;
      case 'board':
        this.view = message.view;
        this.columns = message.view.columns;
        this.loadError = undefined;
        break;
      case 'columns': {
        const changed = new Map(message.columns.map((c) => [c.stageId, c]));
        this.columns = this.columns.map((c) => changed.get(c.stageId) ?? c);
        break;
      }
      case 'announce':
        // The same sentence twice must be heard twice: clear the live region first.
        this.announcement = '';
        this.requestUpdate();
        requestAnimationFrame(() => {
          this.announcement = message.text;
          this.requestUpdate();
        });
        return;
    }
    this.requestUpdate();
  }

  protected override render(): TemplateResult {
    const view = this.view;
    if (!view) {
      return html`<main class="board">${this.loadError
        ? renderLoadErrorBanner(this.loadError, () => this.bridge?.post({ type: 'reload' }))
        : html`<div class="board-loading"><vscode-progress-ring aria-hidden="true"></vscode-progress-ring>Loading the board…</div>`}
        ${this.renderLive()}</main>`;
    }
    const columns = visibleColumns(this.columns, this.filters);
    const shown = columns.map((column) => this.filterCards(column, this.filters));
    const tabbableId = this.tabbable(shown);
    const filtering = isFiltering(this.filters);
    return html`<main class="board" @dragstart=${this.onDragStart} @dragend=${this.onDragEnd}
        @dragover=${this.onDragOver} @dragleave=${this.onDragLeave} @drop=${this.onDrop}>
      ${this.renderHeader(view)}
      ${this.loadError ? renderLoadErrorBanner(this.loadError, () => this.bridge?.post({ type: 'reload' })) : nothing}
      ${view.readOnly ? renderBanner('info', view.readOnly) : nothing}
      ${view.note ? renderBanner('info', view.note) : nothing}
      <div class="columns" @keydown=${this.onKeyDown} @click=${this.onClick}>
        ${columns.map((column, i) => renderColumn({
          column, cards: shown[i] ?? [], filtering, tabbableId,
          scrollTop: this.scrollState.get(column.stageId)?.top ?? 0,
          viewport: this.scrollState.get(column.stageId)?.height ?? window.innerHeight,
          canDrag: !view.readOnly,
          dropTarget: this.dropTarget === column.stageId,
        }, this.handlers))}
      </div>
      ${view.outcomeZones ? this.renderOutcomeZones() : nothing}
      ${this.renderLive()}
    </main>`;
  }

  private renderHeader(view: BoardView): TemplateResult {
    // Scrolling redraws the board each frame: the owner list is rebuilt only when the columns change.
    if (this.owners.columns !== this.columns) this.owners = { columns: this.columns, list: ownersOf(this.columns) };
    const owners = this.owners.list;
    const help = `${KEYBOARD_HELP}${view.outcomeZones ? OUTCOME_HELP : ''}.`;
    return html`<header class="board-header">
      <div class="board-title">
        <h1>${view.pipelineName}</h1>
        <span class="muted">${view.accountLabel === view.providerName ? view.accountLabel : `${view.accountLabel} · ${view.providerName}`}</span>
      </div>
      <div class="board-filters" role="search" aria-label="Filter the cards">
        <vscode-textfield id="board-filter-text" placeholder="Filter by name or owner" .label=${'Filter by name or owner'}
          aria-label="Filter by name or owner" .value=${this.filters.text}
          @input=${(event: Event) => this.setFilters({ text: eventValue(event) })}>
          <vscode-icon slot="content-before" name="filter" aria-hidden="true"></vscode-icon>
        </vscode-textfield>
        <label class="visually-hidden" for="board-filter-owner">Owner</label>
        <vscode-single-select id="board-filter-owner" aria-label="Owner" .label=${'Owner'} .value=${this.filters.ownerId}
          @change=${(event: Event) => this.setFilters({ ownerId: eventValue(event) })}>
          <vscode-option value="" ?selected=${this.filters.ownerId === ''}>All owners</vscode-option>
          ${owners.map((o) => html`<vscode-option value=${o.id} ?selected=${this.filters.ownerId === o.id}>${o.name}</vscode-option>`)}
        </vscode-single-select>
        <vscode-checkbox id="board-hide-closed" .checked=${this.filters.hideClosed}
          @change=${(event: Event) => this.setFilters({ hideClosed: Boolean((event.target as { checked?: boolean }).checked) })}>Hide won and lost</vscode-checkbox>
        <vscode-button secondary icon="refresh" @click=${() => this.bridge?.post({ type: 'reload' })}>Reload</vscode-button>
      </div>
      <p id="board-keyboard-help" class="keyboard-help muted">${help}${view.tasksNote ? ` ${view.tasksNote}` : ''}</p>
    </header>`;
  }

  private renderOutcomeZones(): TemplateResult {
    const zone = (outcome: 'won' | 'lost') => html`<div class=${`drop-zone zone-${outcome}${this.dropTarget === outcome ? ' drop-target' : ''}`}
        data-zone=${outcome} aria-label=${`Drop a card here to mark it ${outcome}`}>
        <vscode-icon name=${outcome === 'won' ? 'pass' : 'circle-slash'} aria-hidden="true"></vscode-icon>
        Drop here: ${outcome === 'won' ? 'Won' : 'Lost'}
      </div>`;
    return html`<div class=${`outcome-zones${this.dragging ? ' dragging' : ''}`}>${zone('won')}${zone('lost')}</div>`;
  }

  private renderLive(): TemplateResult {
    return html`<div class="visually-hidden" role="status" aria-live="polite" id="board-announcer">${this.announcement}</div>`;
  }

  protected override updated(): void {
    this.measure();
    this.watchScrolling();
    const dealId = this.focusRequest;
    if (!dealId) return;
    const element = this.querySelector<HTMLElement>(`.card[data-deal-id="${CSS.escape(dealId)}"]`);
    if (element) {
      this.focusRequest = undefined;
      element.focus({ preventScroll: true });
    } else if (this.reveal(dealId)) {
      this.requestUpdate();
    } else {
      this.focusRequest = undefined;
    }
  }

  private readonly handlers = {
    retry: (dealId: string) => this.bridge?.post({ type: 'retry', dealId }),
    dismiss: (dealId: string) => this.bridge?.post({ type: 'dismiss', dealId }),
    loadMore: (stageId: string) => this.bridge?.post({ type: 'loadMore', stageId }),
  };

  private setFilters(change: Partial<BoardFilters>): void {
    this.filters = { ...this.filters, ...change };
    this.saveState();
    this.requestUpdate();
  }

  private saveState(): void {
    this.api?.setState({ filters: this.filters, activeDealId: this.activeDealId });
  }

  /** The one card reached with Tab: the last one focused, if still shown, else the first card. */
  private tabbable(shown: readonly (readonly BoardCard[])[]): string | undefined {
    if (this.activeDealId && shown.some((cards) => cards.some((c) => c.id === this.activeDealId))) return this.activeDealId;
    return shown.find((cards) => cards.length > 0)?.[0]?.id;
  }

  /** Where a shown card is: its column among the visible ones and its index there. */
  private locate(dealId: string): { column: number; index: number; columns: BoardColumn[]; shown: (readonly BoardCard[])[] } | undefined {
    const columns = visibleColumns(this.columns, this.filters);
    const shown = columns.map((column) => this.filterCards(column, this.filters));
    for (let column = 0; column < shown.length; column++) {
      const index = shown[column]!.findIndex((c) => c.id === dealId);
      if (index >= 0) return { column, index, columns, shown };
    }
    return undefined;
  }

  /** Scrolls a card's column so the card is drawn; false when the card is not shown anywhere. */
  private reveal(dealId: string): boolean {
    const at = this.locate(dealId);
    if (!at) return false;
    const stageId = at.columns[at.column]!.stageId;
    const cards = at.shown[at.column]!;
    const heights = cards.map(cardSlot);
    const body = this.querySelector<HTMLElement>(`.column-body[data-stage-id="${CSS.escape(stageId)}"]`);
    const viewport = body?.clientHeight ?? window.innerHeight;
    const current = this.scrollState.get(stageId)?.top ?? 0;
    const top = scrollToShow(topOf(heights, at.index), heights[at.index] ?? 0, current, viewport);
    if (top === current && this.querySelector(`.card[data-deal-id="${CSS.escape(dealId)}"]`)) return false;
    this.scrollState.set(stageId, { top, height: viewport });
    if (body) body.scrollTop = top;
    return true;
  }

  private focusCard(dealId: string): void {
    this.activeDealId = dealId;
    this.focusRequest = dealId;
    this.reveal(dealId);
    this.saveState();
    this.requestUpdate();
  }

  private move(payload: DragPayload, target: MoveTarget): void {
    if ('stageId' in target && target.stageId === payload.fromStageId) return;
    this.bridge?.post({ type: 'move', dealId: payload.dealId, fromStageId: payload.fromStageId, target });
  }

  private readonly onKeyDown = (event: KeyboardEvent) => {
    const card = (event.target as HTMLElement).closest?.<HTMLElement>('.card');
    if (!card || event.target !== card) return;
    const dealId = card.dataset.dealId!;
    const at = this.locate(dealId);
    if (!at || !this.view) return;
    const action = cardKeyAction(event, {
      column: at.column, index: at.index, sizes: at.shown.map((c) => c.length), outcomeZones: this.view.outcomeZones,
    });
    if (!action) return;
    event.preventDefault();
    const fromStageId = at.columns[at.column]!.stageId;
    if (action.kind === 'open') {
      this.bridge?.post({ type: 'openDeal', dealId });
    } else if (action.kind === 'focus') {
      const next = at.shown[action.column]?.[action.index];
      if (next) this.focusCard(next.id);
    } else if (this.view.readOnly) {
      this.announce(this.view.readOnly);
    } else if (action.kind === 'move') {
      this.move({ dealId, fromStageId }, { stageId: at.columns[action.column]!.stageId });
      this.focusRequest = dealId;
    } else {
      this.move({ dealId, fromStageId }, { outcome: action.outcome });
      this.focusRequest = dealId;
    }
  };

  private readonly onClick = (event: MouseEvent) => {
    const card = (event.target as HTMLElement).closest?.<HTMLElement>('.card');
    if (!card || (event.target as HTMLElement).closest('vscode-button')) return;
    this.activeDealId = card.dataset.dealId;
    this.saveState();
    this.bridge?.post({ type: 'openDeal', dealId: card.dataset.dealId! });
  };

  private readonly onDragStart = (event: DragEvent) => {
    const card = (event.target as HTMLElement).closest?.<HTMLElement>('.card[draggable="true"]');
    if (!card || !event.dataTransfer) return;
    const payload: DragPayload = { dealId: card.dataset.dealId!, fromStageId: card.dataset.stageId! };
    event.dataTransfer.setData(DEAL_MIME, JSON.stringify(payload));
    event.dataTransfer.setData('text/plain', card.querySelector('.card-title')?.textContent ?? '');
    event.dataTransfer.effectAllowed = 'move';
    this.dragging = payload;
    this.requestUpdate();
  };

  private readonly onDragEnd = () => {
    this.dragging = undefined;
    this.setDropTarget(undefined);
  };

  private readonly onDragOver = (event: DragEvent) => {
    const target = this.dropTargetOf(event);
    if (!target || !(this.dragging || event.dataTransfer?.types.includes(DEAL_MIME))) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.setDropTarget(target);
  };

  private readonly onDragLeave = (event: DragEvent) => {
    const into = event.relatedTarget as HTMLElement | null;
    if (!into || !this.contains(into) || this.dropTargetOfElement(into) !== this.dropTarget) this.setDropTarget(undefined);
  };

  private readonly onDrop = (event: DragEvent) => {
    const target = this.dropTargetOf(event);
    const payload = readPayload(event.dataTransfer) ?? this.dragging;
    this.dragging = undefined;
    this.setDropTarget(undefined);
    if (!target || !payload) return;
    event.preventDefault();
    this.move(payload, target === 'won' || target === 'lost' ? { outcome: target } : { stageId: target });
  };

  private dropTargetOf(event: DragEvent): string | undefined {
    return this.dropTargetOfElement(event.target as HTMLElement);
  }

  /** A column's stage id, or 'won'/'lost' for the outcome zones. */
  private dropTargetOfElement(element: HTMLElement | null): string | undefined {
    const zone = element?.closest?.<HTMLElement>('.drop-zone, .column');
    return zone?.dataset.zone ?? zone?.dataset.stageId;
  }

  private setDropTarget(target: string | undefined): void {
    if (this.dropTarget === target) return;
    this.dropTarget = target;
    this.requestUpdate();
  }

  private announce(text: string): void {
    this.receive({ type: 'announce', text });
  }

  /** Each column body's height, for drawing just enough cards; redraws when one changed. */
  private measure(): void {
    let changed = false;
    for (const body of this.querySelectorAll<HTMLElement>('.column-body')) {
      const stageId = body.dataset.stageId!;
      const known = this.scrollState.get(stageId);
      if (known?.height !== body.clientHeight) {
        this.scrollState.set(stageId, { top: known?.top ?? body.scrollTop, height: body.clientHeight });
        changed = true;
      }
    }
    if (changed) this.requestUpdate();
  }

  /** Scroll events do not bubble: each column body gets one listener, once. */
  private watchScrolling(): void {
    for (const body of this.querySelectorAll<HTMLElement>('.column-body:not([data-watched])')) {
      body.dataset.watched = 'true';
      body.addEventListener('scroll', () => this.scrolled(body), { passive: true });
    }
  }

  private scrolled(body: HTMLElement): void {
    const stageId = body.dataset.stageId!;
    this.scrollState.set(stageId, { top: body.scrollTop, height: body.clientHeight });
    this.requestUpdate();
    const column = this.columns.find((c) => c.stageId === stageId);
    if (!column || !column.hasMore || column.loading || column.error) return;
    const nearEnd = body.scrollTop + body.clientHeight >= body.scrollHeight - LOAD_AHEAD_PX;
    if (nearEnd && this.pageAsked.get(stageId) !== column.loaded) {
      this.pageAsked.set(stageId, column.loaded);
      this.handlers.loadMore(stageId);
    }
  }
}

function readPayload(transfer: DataTransfer | null): DragPayload | undefined {
  try {
    const value: unknown = JSON.parse(transfer?.getData(DEAL_MIME) || 'null');
    if (value && typeof value === 'object' && typeof (value as DragPayload).dealId === 'string' && typeof (value as DragPayload).fromStageId === 'string') {
      return { dealId: (value as DragPayload).dealId, fromStageId: (value as DragPayload).fromStageId };
    }
  } catch {
    // Not a drag of one of this board's cards.
  }
  return undefined;
}

customElements.define('crm-board', CrmBoard);

declare global {
  interface HTMLElementTagNameMap {
    'crm-board': CrmBoard;
  }
}
