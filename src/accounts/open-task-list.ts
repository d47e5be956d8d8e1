import type { Page, Task } from '../model';
import type { OpenTask } from '../providers/contract';
import { Emitter } from '../util/emitter';

/**
 * The open tasks of one account as far as they have been loaded, page by page. One instance per
 * account is shared by "My Tasks" and the board (next due date per deal), so neither spends the
 * account's quota on what the other already fetched. `onDidChange` tells both when what they show
 * is out of date: a page arrived or failed, a task was completed or came back, the list was reset.
 */
export class OpenTaskList {
  private loaded: OpenTask[] = [];
  private cursor: string | undefined;
  private pagesLoaded = 0;
  private pending: Promise<void> | undefined;
  private lastError: unknown;
  private readonly changes = new Emitter<void>();
  readonly onDidChange = this.changes.event;

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

  get isLoading(): boolean {
    return this.pending !== undefined;
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
    if (index < 0) return undefined;
    const [removed] = this.loaded.splice(index, 1);
    this.changes.fire();
    return removed;
  }

  /**
   * Puts a task back where it was (a completion the CRM refused), unless a reload since has
   * brought it back already.
   */
  restore(item: OpenTask, index: number): void {
    if (this.loaded.some((t) => t.task.id === item.task.id)) return;
    this.loaded.splice(Math.max(0, Math.min(index, this.loaded.length)), 0, item);
    this.changes.fire();
  }

  /**
   * A task was changed elsewhere (the deal panel): a done task leaves the list, an open one is
   * updated in place. A task not loaded yet is left for the next page or refresh to bring.
   */
  taskChanged(task: Task): void {
    const index = this.loaded.findIndex((t) => t.task.id === task.id);
    if (index < 0) return;
    if (task.done) {
      this.loaded.splice(index, 1);
    } else {
      const current = this.loaded[index]!;
      this.loaded[index] = { ...current, task };
    }
    this.changes.fire();
  }

  reset(): void {
    const hadSomething = this.pagesLoaded > 0 || this.pending !== undefined || this.lastError !== undefined;
    this.loaded = [];
    this.cursor = undefined;
    this.pagesLoaded = 0;
    this.lastError = undefined;
    this.pending = undefined;
    if (hadSomething) this.changes.fire();
  }

  dispose(): void {
    this.changes.dispose();
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
        this.changes.fire();
      },
      (error: unknown) => {
        if (this.pending !== generation) return;
        this.lastError = error;
        this.pending = undefined;
        this.changes.fire();
      },
    ));
    return generation;
  }
}
