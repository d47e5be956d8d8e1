import * as vscode from 'vscode';
import type { AccountSessions } from '../accounts/account-sessions';
import type { Deal } from '../model';
import { locateDeal } from './locate-deal';
import { DealNode } from './nodes/deal-node';
import type { TreeEvents } from './nodes/tree-node';
import { TreeNode } from './nodes/tree-node';
import { toTreeItem, withTooltip } from './tree-item';
import { PipelinesTreeModel } from './tree-model';

/**
 * Adapts the node model to VS Code's TreeDataProvider. It holds no logic of its own: nodes decide
 * what they show and what they load; this turns their plain views into TreeItems.
 */
export class PipelinesTree implements vscode.TreeDataProvider<TreeNode>, TreeEvents, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  readonly model: PipelinesTreeModel;
  private sessionSubscriptions: { dispose(): void }[] = [];

  constructor(private readonly sessions: AccountSessions, private readonly mediaUri: vscode.Uri) {
    const view = { changed: (node?: TreeNode) => this.changeEmitter.fire(node) };
    this.model = new PipelinesTreeModel(sessions, { events: view, locale: vscode.env.language });
  }

  /** Redraws a node (everything when none), once VS Code is not fetching its children. */
  changed(node?: TreeNode): void {
    this.model.redraws.changed(node);
  }

  /** Rebuilds the roots after the accounts setting changed. */
  setAccounts(accountIds: readonly string[], invalid: Parameters<PipelinesTreeModel['setAccounts']>[1]): void {
    this.model.setAccounts(accountIds, invalid);
    for (const s of this.sessionSubscriptions) s.dispose();
    this.sessionSubscriptions = this.sessions.all().map((session) =>
      session.onDidChange((event) => {
        for (const node of this.model.applySessionEvent(session.account.id, event)) this.changed(node);
      }),
    );
    this.changed(undefined);
  }

  /**
   * Shows a deal in the view: expands its account, pipeline and stage and selects its row (a
   * "found" row when it is beyond the loaded pages). Focus stays where it is (the deal's panel).
   */
  async revealDeal(view: vscode.TreeView<TreeNode>, accountId: string, deal: Deal): Promise<TreeNode | undefined> {
    const node = await locateDeal(this.model, accountId, deal);
    if (!node) return undefined;
    const options = { select: true, focus: false, expand: node instanceof DealNode ? false : 1 } as const;
    // Rows drawn for the first time redraw once their counts arrive; a redraw that lands while
    // VS Code expands the path drops the reveal silently. Try again once the redraws settled.
    for (let attempt = 0; attempt < REVEAL_ATTEMPTS; attempt += 1) {
      await view.reveal(node, options);
      if (await selectionShows(view, node)) break;
      await delay(REVEAL_RETRY_MS);
    }
    return node;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, this.mediaUri);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    return this.model.childrenForView(node);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    return withTooltip(item, node);
  }

  dispose(): void {
    for (const s of this.sessionSubscriptions) s.dispose();
    this.model.redraws.dispose();
    this.changeEmitter.dispose();
  }
}

const REVEAL_ATTEMPTS = 4;
const REVEAL_RETRY_MS = 400;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Whether the view reports the node selected (the selection event follows the reveal closely). */
async function selectionShows(view: vscode.TreeView<TreeNode>, node: TreeNode): Promise<boolean> {
  for (let i = 0; i < 5; i += 1) {
    if (view.selection.some((selected) => selected.id === node.id)) return true;
    await delay(20);
  }
  return false;
}
