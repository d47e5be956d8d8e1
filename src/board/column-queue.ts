/**
 * Which columns to send the webview, batched: a page arriving or an edit elsewhere redraws once per
 * burst of changes, while a move is drawn at once.
 */
export class ColumnQueue {
  private readonly queued = new Set<string>();
  private scheduled = false;

  constructor(private readonly draw: (stageIds: ReadonlySet<string>) => void) {}

  /** Draws these columns (and any already queued) now. */
  now(...stageIds: (string | undefined)[]): void {
    this.add(stageIds);
    this.flush();
  }

  /** Draws these columns once the current burst of changes is over. */
  later(...stageIds: (string | undefined)[]): void {
    this.add(stageIds);
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Forgets what is queued: the whole board is being drawn anyway. */
  clear(): void {
    this.queued.clear();
  }

  private add(stageIds: (string | undefined)[]): void {
    for (const id of stageIds) if (id) this.queued.add(id);
  }

  private flush(): void {
    if (this.queued.size === 0) return;
    const ids = new Set(this.queued);
    this.queued.clear();
    this.draw(ids);
  }
}
