import type { Deal, Money, Page } from '../model';

/**
 * The deals of one stage as far as they have been loaded, page by page. One instance per stage is
 * shared by everything that shows the stage, so its summary, its first page and "Load more" never
 * fetch the same page twice.
 */
export class StageDealList {
  private loaded: Deal[] = [];
  private cursor: string | undefined;
  private pagesLoaded = 0;
  private pending: Promise<void> | undefined;
  private lastError: unknown;
  total: number | undefined;
  totals: Money[] | undefined;

  constructor(private readonly fetchPage: (cursor: string | undefined) => Promise<Page<Deal>>) {}

  get items(): readonly Deal[] {
    return this.loaded;
  }

  /** True when the first page has arrived. */
  get hasFirstPage(): boolean {
    return this.pagesLoaded > 0;
  }

  get hasMore(): boolean {
    return this.cursor !== undefined;
  }

  get error(): unknown {
    return this.lastError;
  }

  get isLoading(): boolean {
    return this.pending !== undefined;
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
    this.total = undefined;
    this.totals = undefined;
    this.pending = undefined;
  }

  /** Replaces a deal after an edit; returns false when it is not loaded here. */
  replace(deal: Deal): boolean {
    const index = this.loaded.findIndex((d) => d.id === deal.id);
    if (index < 0) return false;
    this.loaded[index] = deal;
    return true;
  }

  private load(): Promise<void> {
    this.lastError = undefined;
    const generation = (this.pending = this.fetchPage(this.pagesLoaded === 0 ? undefined : this.cursor).then(
      (page) => {
        if (this.pending !== generation) return;
        const known = new Set(this.loaded.map((d) => d.id));
        // Offset paging can repeat a deal when the list shifted between pages.
        this.loaded.push(...page.items.filter((d) => !known.has(d.id)));
        this.cursor = page.next;
        this.pagesLoaded += 1;
        if (page.total !== undefined) this.total = page.total;
        if (page.totals !== undefined) this.totals = page.totals;
        if (this.cursor === undefined && this.total === undefined) this.total = this.loaded.length;
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
