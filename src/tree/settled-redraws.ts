import type { TreeEvents, TreeNode } from './nodes/tree-node';

/** How long after VS Code got a node's children a redraw of that node waits (VS Code batches its own redraws over 200 ms). */
export const REDRAW_SETTLE_MS = 300;

interface Fetches {
  pending: number;
  servedAt: number;
}

/**
 * Holds back a node's redraw while VS Code is fetching that node's children, and for a moment after
 * it got them. VS Code answers a redraw by dropping the node's child rows (and the commands their
 * clicks run) and asking for them again. A redraw that arrives while it is still fetching leaves the
 * rows being fetched registered under the node it replaced, so asking again fails with "Element with
 * id … is already registered"; one that arrives as the fetch completes is not followed by a new
 * fetch, and the rows stay on screen with commands that no longer exist (a click opens nothing).
 * A stage asks for such a redraw as soon as its first page brings its count and total.
 */
export class SettledRedraws implements TreeEvents {
  private readonly fetches = new WeakMap<TreeNode, Fetches>();
  private readonly held = new Map<TreeNode, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly view: TreeEvents,
    private readonly settleMs = REDRAW_SETTLE_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** VS Code's request for a node's children: `load` gives them. */
  async fetch(node: TreeNode, load: Promise<TreeNode[]>): Promise<TreeNode[]> {
    let state = this.fetches.get(node);
    if (!state) this.fetches.set(node, (state = { pending: 0, servedAt: -Infinity }));
    state.pending += 1;
    try {
      return await load;
    } finally {
      state.pending -= 1;
      state.servedAt = this.now();
    }
  }

  changed(node?: TreeNode): void {
    if (!node) {
      this.view.changed(undefined);
      return;
    }
    if (this.held.has(node)) return;
    const wait = this.waitFor(node);
    if (wait <= 0) this.view.changed(node);
    else this.hold(node, wait);
  }

  dispose(): void {
    for (const timer of this.held.values()) clearTimeout(timer);
    this.held.clear();
  }

  private hold(node: TreeNode, wait: number): void {
    this.held.set(node, setTimeout(() => {
      this.held.delete(node);
      this.changed(node);
    }, wait));
  }

  /** Milliseconds until a redraw of the node is safe: 0 when it is now. */
  private waitFor(node: TreeNode): number {
    const state = this.fetches.get(node);
    if (!state) return 0;
    if (state.pending > 0) return this.settleMs;
    return Math.max(0, state.servedAt + this.settleMs - this.now());
  }
}
