import type { FoundDeals } from '../found-deals';

/**
 * What the tree shows for one node, in plain data, so the node logic is tested without VS Code.
 * `pipelines-tree.ts` turns it into a `vscode.TreeItem`.
 */
export interface NodeView {
  label: string;
  description?: string;
  icon?: NodeIcon;
  collapsible: 'none' | 'collapsed' | 'expanded';
  /** Space-separated segments matched by regex in package.json `when` clauses: `deal web`. */
  contextValue: string;
  /** What a click runs; arguments are the node itself unless given. */
  command?: { id: string; title: string; args?: unknown[] };
  /** A tooltip known without fetching; richer ones come from `tooltip()`. */
  tooltip?: string;
}

/** A codicon with an optional theme colour id, or an SVG under media/. */
export type NodeIcon = { codicon: string; color?: string } | { file: string };

/** How nodes ask the view to redraw them (or everything, with no node). */
export interface TreeEvents {
  changed(node?: TreeNode): void;
}

/**
 * The base of every node. Constructors never fetch; `children()` is the only place that loads.
 * Children are cached so that change events can name the same objects the view already holds.
 */
export abstract class TreeNode {
  private cachedChildren: TreeNode[] | undefined;
  private childrenLoad: Promise<TreeNode[]> | undefined;

  constructor(readonly id: string, readonly parent: TreeNode | undefined) {}

  abstract view(): NodeView;

  /**
   * The children, loaded once: callers that ask while they load share that load, so there is one
   * set of child nodes per id (VS Code and a search's reveal never hold two nodes with one id).
   */
  children(): Promise<TreeNode[]> {
    if (this.cachedChildren) return Promise.resolve(this.cachedChildren);
    if (!this.childrenLoad) {
      const load = this.loadChildren().then(
        (children) => {
          // Forgotten meanwhile: those who asked get these; the next call loads anew.
          if (this.childrenLoad === load) this.cachedChildren = children;
          return children;
        },
      ).finally(() => {
        if (this.childrenLoad === load) this.childrenLoad = undefined;
      });
      this.childrenLoad = load;
    }
    return this.childrenLoad;
  }

  /** Markdown for the hover, built only when the user hovers. */
  async tooltip(): Promise<string | undefined> {
    return undefined;
  }

  /** The children built so far, without loading any. */
  get loadedChildren(): readonly TreeNode[] {
    return this.cachedChildren ?? [];
  }

  /** Drops cached children so the next `children()` rebuilds them. */
  forgetChildren(): void {
    this.cachedChildren = undefined;
    this.childrenLoad = undefined;
  }

  protected async loadChildren(): Promise<TreeNode[]> {
    return [];
  }
}

/** What every node needs from its surroundings. */
export interface NodeContext {
  events: TreeEvents;
  /** Deals search put into view beyond their stage's loaded pages; none when absent. */
  found?: FoundDeals;
  /** BCP 47 locale for numbers, money and dates; undefined means the runtime's default. */
  locale?: string;
}
