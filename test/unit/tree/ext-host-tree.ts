import type { TreeNode } from '../../../src/tree/nodes/tree-node';

interface Entry {
  children: TreeNode[];
}

/**
 * What VS Code's extension-host side of a tree view (extHostTreeViews.ts in 1.96) does with the ids
 * it is given, reduced to that: a fetch clears the parent's child rows, notes the parent's entry,
 * waits for the provider, then registers each child's id under that entry, refusing an id it holds
 * already ("Element with id … is already registered"). A redraw of a node clears its child rows and
 * replaces its entry; the view then fetches the children again when the node is expanded. Rows
 * registered under an entry that was replaced meanwhile stay registered.
 */
export class ExtHostTree {
  readonly errors: string[] = [];
  private readonly registered = new Map<string, TreeNode>();
  private readonly entries = new Map<TreeNode, Entry>();
  private readonly expanded = new Set<TreeNode>();
  private readonly work: Promise<unknown>[] = [];

  constructor(private readonly provider: { getChildren(node: TreeNode): Promise<TreeNode[]> | TreeNode[] }, roots: TreeNode[]) {
    for (const root of roots) this.entries.set(root, { children: [] });
  }

  /** The user expands a row: its children are fetched. */
  expand(node: TreeNode): Promise<TreeNode[]> {
    this.expanded.add(node);
    return this.track(this.fetch(node));
  }

  /** The user collapses a row: the rows stay registered, and a redraw no longer fetches them. */
  collapse(node: TreeNode): void {
    this.expanded.delete(node);
  }

  /** `onDidChangeTreeData(node)`. */
  changed(node?: TreeNode): void {
    if (node) this.track(this.refresh(node));
  }

  /** The children the view holds for a node now. */
  rowsOf(node: TreeNode): TreeNode[] {
    return this.entries.get(node)?.children ?? [];
  }

  /** Waits until every fetch and redraw started so far (and those they started) is done. */
  async idle(): Promise<void> {
    while (this.work.length) await Promise.allSettled(this.work.splice(0));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.work.push(work);
    return work;
  }

  private async fetch(parent: TreeNode): Promise<TreeNode[]> {
    this.clear(parent);
    const entry = this.entries.get(parent);
    const children = await this.provider.getChildren(parent);
    await Promise.all(children.map(async (child) => child.view())); // getTreeItem
    for (const child of children) {
      if (this.registered.has(child.id)) {
        const message = `Element with id ${child.id} is already registered`;
        this.errors.push(message);
        throw new Error(message);
      }
      this.registered.set(child.id, child);
      this.entries.set(child, { children: [] });
      entry?.children.push(child);
    }
    return children;
  }

  private async refresh(node: TreeNode): Promise<void> {
    if (!this.entries.has(node)) return;
    this.clear(node);
    await Promise.resolve(node.view()); // getTreeItem
    this.entries.set(node, { children: [] });
    if (this.expanded.has(node)) await this.fetch(node).catch(() => undefined);
  }

  private clear(node: TreeNode): void {
    const entry = this.entries.get(node);
    if (!entry) return;
    for (const child of entry.children) {
      this.clear(child);
      this.registered.delete(child.id);
      this.entries.delete(child);
    }
    entry.children = [];
  }
}
