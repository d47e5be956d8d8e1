import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { BoardCard, BoardColumn, BoardView, HostToBoard, MoveTarget } from '../../src/protocol/board-messages';
import type { ErrorInfo } from '../../src/protocol';
import { vscodeApi, type VsCodeApi } from '../host/vscode-api';
import { renderBanner, renderLoadErrorBanner } from '../view/banner';
import { BoardBridge } from './board-bridge';
import { cardSlot } from './board-card';
import { renderColumn } from './board-column';
import { createCardFilter, isFiltering, NO_FILTERS, ownersOf, visibleColumns, type BoardFilters } from './board-filters';
import { BoardDrag, type DragPayload } from './board-drag';
import { renderBoardHeader, renderOutcomeZones } from './board-header';
import { cardKeyAction } from './board-keys';
import { readSavedState } from './saved-state';
import { scrollToShow, topOf } from './virtual-window';

/** Ask for the next page when the scroll is this close to the end of a column. */
const LOAD_AHEAD_PX = 600;

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
  private readonly drag = new BoardDrag(this, () => this.requestUpdate(), (payload, target) => this.move(payload, target));
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
        this.saveState();
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
    const { drag } = this;
    // Scrolling redraws the board each frame: the owner list is rebuilt only when the columns change.
    if (this.owners.columns !== this.columns) this.owners = { columns: this.columns, list: ownersOf(this.columns) };
    return html`<main class="board" @dragstart=${drag.onDragStart} @dragend=${drag.onDragEnd}
        @dragover=${drag.onDragOver} @dragleave=${drag.onDragLeave} @drop=${drag.onDrop}>
      ${renderBoardHeader(view, this.filters, this.owners.list, this.headerActions)}
      ${this.loadError ? renderLoadErrorBanner(this.loadError, () => this.bridge?.post({ type: 'reload' })) : nothing}
      ${view.readOnly ? renderBanner('info', view.readOnly) : nothing}
      ${view.note ? renderBanner('info', view.note) : nothing}
      <div class="columns" @keydown=${this.onKeyDown} @click=${this.onClick}>
        ${columns.map((column, i) => renderColumn({
          column, cards: shown[i] ?? [], filtering, tabbableId,
          scrollTop: this.scrollState.get(column.stageId)?.top ?? 0,
          viewport: this.scrollState.get(column.stageId)?.height ?? window.innerHeight,
          canDrag: !view.readOnly,
          dropTarget: drag.dropTarget === column.stageId,
        }, this.handlers))}
      </div>
      ${view.outcomeZones ? renderOutcomeZones(Boolean(drag.dragging), drag.dropTarget) : nothing}
      ${this.renderLive()}
    </main>`;
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

  private readonly headerActions = {
    setFilters: (change: Partial<BoardFilters>) => this.setFilters(change),
    reload: () => this.bridge?.post({ type: 'reload' }),
  };

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
    // The account and pipeline let VS Code bring the board back after a window reload.
    const board = this.view && { accountId: this.view.accountId, pipelineId: this.view.pipelineId };
    this.api?.setState({ filters: this.filters, activeDealId: this.activeDealId, ...board });
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

customElements.define('crm-board', CrmBoard);

declare global {
  interface HTMLElementTagNameMap {
    'crm-board': CrmBoard;
  }
}
