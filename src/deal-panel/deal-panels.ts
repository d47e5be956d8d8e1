import * as vscode from 'vscode';
import { z } from 'zod';
import type { AccountSessions } from '../accounts/account-sessions';
import { DealController } from './deal-controller';
import { loadWebviewBundle, webviewPanelOptions } from '../webview/webview-panel-setup';

export const DEAL_PANEL_TYPE = 'crmPipelines.deal';

/** What the webview keeps in its state; enough to bring the panel back after a reload. */
const RestoredState = z.object({ accountId: z.string(), dealId: z.string() }).passthrough();

/**
 * One webview panel per deal: opening the same deal again reveals it; panels come back after a
 * window reload through the serializer and load their data afresh.
 */
export class DealPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; controller: DealController }>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly sessions: AccountSessions,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  open(accountId: string, dealId: string): DealController {
    const existing = this.panels.get(key(accountId, dealId));
    if (existing) {
      existing.panel.reveal();
      return existing.controller;
    }
    const panel = vscode.window.createWebviewPanel(DEAL_PANEL_TYPE, 'Deal', vscode.ViewColumn.Active, webviewPanelOptions(this.extensionUri));
    return this.attach(panel, accountId, dealId);
  }

  /** The controller of an open panel, for tests and for other views to push changes. */
  controller(accountId: string, dealId: string): DealController | undefined {
    return this.panels.get(key(accountId, dealId))?.controller;
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = RestoredState.safeParse(state);
    if (!restored.success || !this.sessions.get(restored.data.accountId)) {
      this.log.warn('Deal panel: could not restore a panel whose account is gone.');
      panel.dispose();
      return;
    }
    panel.webview.options = webviewPanelOptions(this.extensionUri);
    this.attach(panel, restored.data.accountId, restored.data.dealId);
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
    this.panels.clear();
  }

  private attach(panel: vscode.WebviewPanel, accountId: string, dealId: string): DealController {
    const session = this.sessions.get(accountId);
    if (!session) throw new Error(`No account with the id "${accountId}".`);
    panel.iconPath = vscode.Uri.joinPath(this.extensionUri, 'media', 'providers', `${session.descriptor?.icon ?? 'sample'}.svg`);
    let disposed = false;
    const controller = new DealController(session, dealId, {
      post: (message) => {
        if (!disposed) void panel.webview.postMessage(message);
      },
      openExternal: (url) => void vscode.env.openExternal(vscode.Uri.parse(url)),
      setTitle: (title) => {
        if (!disposed) panel.title = title;
      },
    }, this.log, vscode.env.language);
    const webview = panel.webview;
    controller.prefetch();
    loadWebviewBundle(webview, this.extensionUri, { bundle: 'webview', element: 'crm-deal-panel', title: 'Deal', extraImgSources: 'https:' });
    const subscriptions = [
      webview.onDidReceiveMessage((message) => void controller.handle(message)),
      panel.onDidDispose(() => {
        disposed = true;
        this.panels.delete(key(accountId, dealId));
        for (const s of subscriptions) s.dispose();
      }),
    ];
    this.panels.set(key(accountId, dealId), { panel, controller });
    return controller;
  }
}

function key(accountId: string, dealId: string): string {
  return `${accountId}\u0000${dealId}`;
}
