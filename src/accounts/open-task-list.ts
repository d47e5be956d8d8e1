import type { Page } from '../model';
import type { OpenTask } from '../providers/contract';

/**
 * The open tasks of one account as far as they have been loaded, page by page. One instance per
 * account is shared by "My Tasks" and the board (next due date per deal), so neither spends the
 * account's quota on what the other already fetched.
 */
export class OpenTaskList {
  private loaded: OpenTask[] = [];
  private cursor: string | undefined;
  private pagesLoaded = 0;
  private pending: Promise<void> | undefined;
  private lastError: unknown;

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<OpenTask>>) {}

  get items(): readonly OpenTask[] {
    return this.loaded;
  }

  get hasFirstPage(): boolean {
    return this.pagesLoaded > 0;
  }

  get hasMore(): boolean {
    return this.cursor !== undefined;
  }

  get error(): unknown {
    return this.lastError;
  }

  /** Loads the first page once; later calls share it. */
  ensureFirstPage(): Promise<void> {
    if (this.pending) return this.pending;
    if (this.pagesLoaded > 0) return Promise.resolve();
    return this.load();
  }

  /** Loads the next page (or retries the page that failed). */
  loadMore(): Promise<void> {
    if (this.pending) return this.pending;
    if (this.pagesLoaded > 0 && this.cursor === undefined) return Promise.resolve();
    return this.load();
  }

  /** Takes a task that is no longer open (completed, deleted) out of the list. */
  remove(taskId: string): OpenTask | undefined {
    const index = this.loaded.findIndex((t) => t.task.id === taskId);
    return index < 0 ? undefined : this.loaded.splice(index, 1)[0];
  }

  reset(): void {
    this.loaded = [];
    this.cursor = undefined;
    this.pagesLoaded = 0;
    this.lastError = undefined;
    this.pending = undefined;
  }

  private load(): Promise<void> {
    this.lastError = undefined;
    const generation = (this.pending = this.fetchPage(this.pagesLoaded === 0 ? undefined : this.cursor).then(
      (page) => {
        if (this.pending !== generation) return;
        const known = new Set(this.loaded.map((t) => t.task.id));
        this.loaded.push(...page.items.filter((t) => !known.has(t.task.id)));
        this.cursor = page.next;
        this.pagesLoaded += 1;
        this.pending = undefined;
      },
      (error: unknown) => {
        if (this.pending !== generation) return;
        this.lastError = error;
        this.pending = undefined;
      },
    ));
    return generation;
  }
}
