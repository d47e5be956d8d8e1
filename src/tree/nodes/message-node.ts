import type { NodeIcon, NodeView } from './tree-node';
import { TreeNode } from './tree-node';

export interface MessageSpec {
  label: string;
  icon?: NodeIcon;
  tooltip?: string;
  /** What clicking the node does (Retry, Set API key, Show log…). */
  command?: { id: string; title: string; args?: unknown[] };
  /** Extra context segment, e.g. `error` or `loadMore`. */
  role?: string;
}

/**
 * An action or status row: "Load more", "Set API key…", "Can't reach … — Retry", "No deals".
 * Errors in the tree are rows like this, never notifications.
 */
export class MessageNode extends TreeNode {
  constructor(id: string, parent: TreeNode | undefined, private spec: MessageSpec) {
    super(id, parent);
  }

  update(spec: MessageSpec): void {
    this.spec = spec;
  }

  view(): NodeView {
    return {
      label: this.spec.label,
      icon: this.spec.icon,
      tooltip: this.spec.tooltip,
      command: this.spec.command,
      collapsible: 'none',
      contextValue: `message ${this.spec.role ?? 'info'}`,
    };
  }
}
