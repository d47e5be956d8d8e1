import type { AccountSessions } from '../accounts/account-sessions';
import type { InvalidAccountEntry } from '../model';
import { AccountNode } from './nodes/account-node';
import { InvalidAccountNode } from './nodes/invalid-account-node';
import type { NodeContext, TreeNode } from './nodes/tree-node';

/**
 * The roots of the Pipelines view and a lookup of the nodes built so far. Account nodes are kept
 * across setting changes while their session lives, so expansion and caches survive.
 */
export class PipelinesTreeModel {
  private accountNodes = new Map<string, AccountNode>();
  private invalidNodes: InvalidAccountNode[] = [];

  constructor(private readonly sessions: AccountSessions, private readonly context: NodeContext) {}

  /** Called after `sessions.sync`: rebuilds the root rows. */
  setAccounts(accountIds: readonly string[], invalid: readonly InvalidAccountEntry[]): void {
    const next = new Map<string, AccountNode>();
    for (const id of accountIds) {
      const session = this.sessions.get(id);
      if (!session) continue;
      const existing = this.accountNodes.get(id);
      next.set(id, existing && existing.session === session ? existing : new AccountNode(session, this.context));
    }
    this.accountNodes = next;
    this.invalidNodes = invalid.map((entry) => new InvalidAccountNode(entry));
  }

  roots(): TreeNode[] {
    return [...this.accountNodes.values(), ...this.invalidNodes];
  }

  account(accountId: string): AccountNode | undefined {
    return this.accountNodes.get(accountId);
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
