import { html, LitElement, nothing, type TemplateResult } from 'lit';
import type { HostToWebview } from '../../src/protocol';
import { HostBridge, newRequestId } from '../host/host-bridge';
import { vscodeApi, type VsCodeApi } from '../host/vscode-api';
import { PanelController, type LoadedPanel } from '../model/panel-controller';
import { renderBanner, renderConflictBanner, renderLoadErrorBanner } from './banner';
import { renderCustomFields } from './custom-fields-section';
import { focusWhenReady, restoreScroll } from './focus';
import { renderHeader } from './header-section';
import type { PanelActions } from './panel-actions';
import { createPanelActions, type Changed } from './panel-action-handlers';
import { renderRawFields } from './raw-fields-section';
import { renderTasks } from './tasks-section';

/**
 * `<crm-deal-panel>`: one CRM deal, every editable field edited inline. Renders into the page
 * itself (no shadow root) so one stylesheet themes it and labels reach their inputs by id.
 */
export class CrmDealPanel extends LitElement {
  private api?: VsCodeApi;
  private bridge?: HostBridge;
  private controller?: PanelController;
  private actions?: PanelActions;
  private focusAfterUpdate?: Parameters<Changed>[0];
  private saveQueued = false;
  private readonly onScroll = () => this.queueSave();

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.controller) return;
    const api = vscodeApi();
    const bridge = new HostBridge(api, (message) => this.receive(message));
    const controller = new PanelController({ post: (m) => bridge.post(m), newRequestId }, api.getState());
    this.api = api;
    this.bridge = bridge;
    this.controller = controller;
    this.actions = createPanelActions(controller, (focus) => this.changed(focus));
    bridge.listen();
    window.addEventListener('scroll', this.onScroll, { passive: true });
    controller.start();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('scroll', this.onScroll);
    this.bridge?.dispose();
    this.bridge = undefined;
    this.controller = undefined;
  }

  private receive(message: HostToWebview): void {
    const controller = this.controller;
    if (!controller) return;
    const firstLoad = message.type === 'init' && !controller.loaded;
    controller.handle(message);
    this.changed();
    if (firstLoad) {
      const scrollY = controller.takeScrollToRestore();
      if (scrollY) void this.updateComplete.then(() => restoreScroll(scrollY));
    }
  }

  private changed(focus?: Parameters<Changed>[0]): void {
    if (focus) this.focusAfterUpdate = focus;
    this.requestUpdate();
    this.queueSave();
  }

  /**
   * Saves drafts and the scroll position with VS Code, once per burst of changes. Not tied to
   * animation frames: those stop while the panel is hidden, which is exactly when it matters.
   */
  private queueSave(): void {
    if (this.saveQueued) return;
    this.saveQueued = true;
    queueMicrotask(() => {
      this.saveQueued = false;
      const state = this.controller?.snapshot(window.scrollY);
      if (state) this.api?.setState(state);
    });
  }

  protected override updated(): void {
    const focus = this.focusAfterUpdate;
    this.focusAfterUpdate = undefined;
    if (focus) void focusWhenReady(focus);
  }

  protected override render(): TemplateResult {
    const controller = this.controller;
    const actions = this.actions;
    if (!controller || !actions) return html``;
    const loaded = controller.loaded;
    if (!loaded) {
      return controller.loadError
        ? html`<main class="deal-panel">${renderLoadErrorBanner(controller.loadError, actions.refresh)}</main>`
        : html`<main class="deal-panel loading-state" aria-busy="true">
            <vscode-progress-ring .ariaLabel=${'Loading the deal'}></vscode-progress-ring><span>Loading the deal…</span>
          </main>`;
    }
    return html`<main class="deal-panel" aria-busy=${controller.loading ? 'true' : 'false'}>
      ${controller.loading ? html`<vscode-progress-bar class="refreshing" .ariaLabel=${'Refreshing'}></vscode-progress-bar>` : nothing}
      ${this.renderBanners(controller, loaded, actions)}
      ${renderHeader(loaded, actions)}
      ${renderCustomFields(loaded, actions)}
      ${renderTasks(loaded, actions)}
      <section class="panel-section raw" aria-label="All fields">${renderRawFields(loaded.view.raw)}</section>
    </main>`;
  }

  private renderBanners(controller: PanelController, loaded: LoadedPanel, actions: PanelActions): TemplateResult {
    const { view, edits } = loaded;
    const deal = edits.currentDeal;
    const conflictLabels = [...edits.conflicts.keys()].map((id) => edits.slots().get(id)?.def.label ?? id);
    return html`
      ${controller.loadError ? renderLoadErrorBanner(controller.loadError, actions.refresh) : nothing}
      ${deal.locked ? renderBanner('info', deal.locked) : nothing}
      ${view.note ? renderBanner('info', view.note) : nothing}
      ${!view.capabilities.updateDeal && !view.note ? renderBanner('info', `${view.providerName} deals are read-only here.`) : nothing}
      ${conflictLabels.length ? renderConflictBanner(view.providerName, conflictLabels, actions.reload, actions.overwrite) : nothing}
    `;
  }
}

customElements.define('crm-deal-panel', CrmDealPanel);

declare global {
  interface HTMLElementTagNameMap {
    'crm-deal-panel': CrmDealPanel;
  }
}
