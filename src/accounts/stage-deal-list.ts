import { totalsByCurrency, type Deal, type Money, type Page } from '../model';

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

  /** Replaces a deal after an edit, keeping the stage's count and totals exact; false when it is not loaded here. */
  replace(deal: Deal): boolean {
    const index = this.loaded.findIndex((d) => d.id === deal.id);
    if (index < 0) return false;
    const previous = this.loaded[index]!;
    this.loaded[index] = deal;
    this.adjustTotals(previous.amount, -1);
    this.adjustTotals(deal.amount, +1);
    return true;
  }

  /**
   * Takes a deal that moved to another stage out of this list. A deal known to have left this stage
   * (`departed`) but beyond the loaded pages still leaves the count and totals, so they stay exact.
   */
  remove(dealId: string, departed?: Deal): Deal | undefined {
    const index = this.loaded.findIndex((d) => d.id === dealId);
    if (index < 0) {
      if (!departed || this.pagesLoaded === 0) return undefined;
      if (this.total !== undefined) this.total -= 1;
      this.adjustTotals(departed.amount, -1);
      return departed;
    }
    const [removed] = this.loaded.splice(index, 1);
    if (this.total !== undefined) this.total -= 1;
    this.adjustTotals(removed?.amount, -1);
    return removed;
  }

  /** Puts a deal that moved here at the top of the list, when this stage was loaded. */
  add(deal: Deal): boolean {
    if (this.pagesLoaded === 0 || this.loaded.some((d) => d.id === deal.id)) return false;
    this.loaded.unshift(deal);
    if (this.total !== undefined) this.total += 1;
    this.adjustTotals(deal.amount, +1);
    return true;
  }

  private adjustTotals(amount: Money | undefined, sign: 1 | -1): void {
    if (!amount || this.totals === undefined) return;
    const delta = sign > 0 ? amount : { ...amount, minor: (-BigInt(amount.minor)).toString() };
    // A currency whose last deal left the stage drops out rather than showing "€0".
    this.totals = totalsByCurrency([...this.totals, delta]).filter((m) => m.minor !== '0');
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
