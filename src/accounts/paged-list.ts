import type { Page } from '../model';

/**
 * A list loaded page by page from a CRM, shared by every view that shows it: the first page is
 * fetched once however many ask, "Load more" fetches the next (or retries the one that failed), and
 * a page that arrives after a reset is dropped so a refresh never shows stale rows.
 */
export abstract class PagedList<T> {
  protected loaded: T[] = [];
  private cursor: string | undefined;
  private pagesLoaded = 0;
  private pending: Promise<void> | undefined;
  private lastError: unknown;

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<T>>) {}

  /** What tells two items apart; offset paging can repeat one when the list shifted between pages. */
  protected abstract idOf(item: T): string;

  /** Called when a page was added, after `hasMore` took its value. */
  protected pageArrived(_page: Page<T>): void {}

  /** Called when a page arrived or failed. */
  protected loadSettled(): void {}

  get items(): readonly T[] {
    return this.loaded;
  }

  /** True when the first page has arrived. */
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

  /** Forgets everything: the next call fetches from the first page. */
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
        const known = new Set(this.loaded.map((item) => this.idOf(item)));
        this.loaded.push(...page.items.filter((item) => !known.has(this.idOf(item))));
        this.cursor = page.next;
        this.pagesLoaded += 1;
        this.pending = undefined;
        this.pageArrived(page);
        this.loadSettled();
      },
      (error: unknown) => {
        if (this.pending !== generation) return;
        this.lastError = error;
        this.pending = undefined;
        this.loadSettled();
      },
    ));
    return generation;
  }
}
