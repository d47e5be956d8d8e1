import * as vscode from 'vscode';
import { z } from 'zod';
import { refresh } from '../commands/tree-commands';
import type { Services } from '../commands/services';
import { BoardController } from './board-controller';
import { loadWebviewBundle, webviewPanelOptions } from '../webview/webview-panel-setup';
import { STALE_SETTING, staleAfterDays } from './stale-setting';

export const BOARD_PANEL_TYPE = 'crmPipelines.board';

/** The part of the board webview's saved state that says which board it was. */
const RestoredBoard = z.object({ accountId: z.string().min(1), pipelineId: z.string().min(1) }).passthrough();

/** One board panel per pipeline: opening it again reveals it. Data lives in the account's session. */
export class BoardPanels implements vscode.WebviewPanelSerializer, vscode.Disposable {
  private readonly panels = new Map<string, { panel: vscode.WebviewPanel; controller: BoardController; accountId: string; session: object }>();
  private readonly settingWatch: vscode.Disposable;
  private readonly accountWatch: vscode.Disposable;

  constructor(private readonly services: Services) {
    this.settingWatch = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(STALE_SETTING)) return;
      const days = staleAfterDays(services.log);
      for (const { controller } of this.panels.values()) controller.setStaleAfterDays(days);
    });
    // A board whose account was removed or changed (its session replaced) closes rather than show
    // stale deals; checked after the sessions followed the same settings change.
    this.accountWatch = services.settings.onDidChange(() => queueMicrotask(() => {
      for (const { panel, accountId, session } of [...this.panels.values()]) {
        if (services.sessions.get(accountId) !== session) panel.dispose();
      }
    }));
  }

  open(accountId: string, pipelineId: string, title = 'Pipeline board'): BoardController {
    const existing = this.panels.get(key(accountId, pipelineId));
    if (existing) {
      existing.panel.reveal();
      return existing.controller;
    }
    const panel = vscode.window.createWebviewPanel(BOARD_PANEL_TYPE, title, vscode.ViewColumn.Active, webviewPanelOptions(this.services.extensionUri));
    return this.attach(panel, accountId, pipelineId, title);
  }

  /** Brings a board back after a window reload; a board whose account is gone closes. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const restored = RestoredBoard.safeParse(state);
    if (!restored.success || !this.services.sessions.get(restored.data.accountId) || this.panels.has(key(restored.data.accountId, restored.data.pipelineId))) {
      this.services.log.warn('Board: could not restore a board whose account is gone.');
      panel.dispose();
      return;
    }
    panel.webview.options = webviewPanelOptions(this.services.extensionUri);
    this.attach(panel, restored.data.accountId, restored.data.pipelineId, panel.title);
  }

  /** The controller of an open board, for tests and the benchmark. */
  controller(accountId: string, pipelineId: string): BoardController | undefined {
    return this.panels.get(key(accountId, pipelineId))?.controller;
  }

  dispose(): void {
    for (const { panel } of this.panels.values()) panel.dispose();
    this.panels.clear();
    this.settingWatch.dispose();
    this.accountWatch.dispose();
  }

  private attach(panel: vscode.WebviewPanel, accountId: string, pipelineId: string, title: string): BoardController {
    const { services } = this;
    const session = services.sessions.get(accountId);
    if (!session) throw new Error(`No account with the id "${accountId}".`);
    panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'providers', `${session.descriptor?.icon ?? 'sample'}.svg`);
    let disposed = false;
    const controller = new BoardController(session, pipelineId, {
      post: (message) => {
        if (!disposed) void panel.webview.postMessage(message);
      },
      setTitle: (text) => {
        if (!disposed) panel.title = text;
      },
      openDeal: (dealId) => void vscode.commands.executeCommand('crmPipelines.openDeal', { accountId, dealId }),
      dealSaved: (deal) => void services.panels.controller(accountId, deal.id)?.load(),
      invalidate: () => {
        const node = services.tree.model.find(`${accountId}/${pipelineId}`);
        if (node) refresh(services, node);
        else session.invalidate({ pipelineId });
      },
    }, { staleAfterDays: staleAfterDays(services.log), locale: vscode.env.language, log: services.log });
    const webview = panel.webview;
    loadWebviewBundle(webview, services.extensionUri, { bundle: 'board', element: 'crm-board', title });
    const subscriptions = [
      webview.onDidReceiveMessage((message) => void controller.handle(message)),
      panel.onDidDispose(() => {
        disposed = true;
        controller.dispose();
        this.panels.delete(key(accountId, pipelineId));
        for (const s of subscriptions) s.dispose();
      }),
    ];
    this.panels.set(key(accountId, pipelineId), { panel, controller, accountId, session });
    return controller;
  }
}

function key(accountId: string, pipelineId: string): string {
  return `${accountId}\u0000${pipelineId}`;
}
