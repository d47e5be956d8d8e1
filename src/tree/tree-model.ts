import type { SessionEvent } from '../accounts/account-session';
import type { AccountSessions } from '../accounts/account-sessions';
import type { InvalidAccountEntry } from '../model';
import { FoundDeals } from './found-deals';
import { AccountNode } from './nodes/account-node';
import { InvalidAccountNode } from './nodes/invalid-account-node';
import type { NodeContext, TreeNode } from './nodes/tree-node';
import { SettledRedraws } from './settled-redraws';

/**
 * The roots of the Pipelines view and a lookup of the nodes built so far. Account nodes are kept
 * across setting changes while their session lives, so expansion and caches survive.
 */
export class PipelinesTreeModel {
  private accountNodes = new Map<string, AccountNode>();
  private invalidNodes: InvalidAccountNode[] = [];
  private readonly context: NodeContext;
  /** Deals search put into view beyond their stage's loaded pages. */
  readonly found: FoundDeals;
  /** Every redraw a node asks for goes through here, timed around VS Code's fetches of its children. */
  readonly redraws: SettledRedraws;

  constructor(private readonly sessions: AccountSessions, context: NodeContext, redrawSettleMs?: number) {
    this.found = context.found ?? new FoundDeals();
    this.redraws = new SettledRedraws(context.events, redrawSettleMs);
    this.context = { ...context, events: this.redraws, found: this.found };
  }

  /** The children VS Code asked for (the roots when no node), noted so redraws of the node wait for them. */
  childrenForView(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    return node ? this.redraws.fetch(node, node.children()) : this.roots();
  }

  /** Called after `sessions.sync`: rebuilds the root rows. */
  setAccounts(accountIds: readonly string[], invalid: readonly InvalidAccountEntry[]): void {
    const next = new Map<string, AccountNode>();
    for (const id of accountIds) {
      const session = this.sessions.get(id);
      if (!session) continue;
      const existing = this.accountNodes.get(id);
      next.set(id, existing && existing.session === session ? existing : new AccountNode(session, this.context));
    }
    // A removed account's found rows go with it (they hold its deals).
    for (const id of this.accountNodes.keys()) if (!next.has(id)) this.found.clear(id);
    this.accountNodes = next;
    this.invalidNodes = invalid.map((entry) => new InvalidAccountNode(entry));
  }

  roots(): TreeNode[] {
    return [...this.accountNodes.values(), ...this.invalidNodes];
  }

  account(accountId: string): AccountNode | undefined {
    return this.accountNodes.get(accountId);
  }

  /** Drops what a change in an account's session made stale; returns the nodes to redraw. */
  applySessionEvent(accountId: string, event: SessionEvent): TreeNode[] {
    const accountNode = this.accountNodes.get(accountId);
    const session = this.sessions.get(accountId);
    if (!accountNode || !session) return [];
    if (event.kind === 'account') {
      this.found.clear(accountId);
      accountNode.forgetChildren();
      return [accountNode];
    }
    if (event.kind !== 'stage') return [];
    const stageId = `${accountId}/${event.pipelineId}/${event.stageId}`;
    // A deal that moved into this stage is no longer a "found" row of another one.
    const held = new Set(session.stage(event.pipelineId, event.stageId).items.map((d) => d.id));
    const others = this.found.dropElsewhere(accountId, stageId, held);
    const stale = [stageId, ...others].map((id) => this.find(id)).filter((node) => node !== undefined);
    for (const node of stale) node.forgetChildren();
    return stale;
  }

  /** A node already shown, by id (`account/pipeline/stage/deal`), without loading anything. */
  find(id: string): TreeNode | undefined {
    const [accountId = ''] = id.split('/');
    let node: TreeNode | undefined = this.accountNodes.get(accountId);
    while (node && node.id !== id) {
      node = node.loadedChildren.find((child) => id === child.id || id.startsWith(`${child.id}/`));
    }
    return node;
  }
}
