import { totalsByCurrency, type Deal, type Money, type Page } from '../model';
import { PagedList } from './paged-list';

/** How long a stage whose pages carry no count must sit unread further before it is counted. */
export const COUNT_AFTER_MS = 1000;

/**
 * For a CRM whose pages carry no total: `count` counts the stage with a request of its own
 * (Hindsight's `count=true`; undefined when the CRM cannot) and `counted` is told the count arrived.
 */
export interface StageCounting {
  count: () => Promise<number | undefined>;
  counted: () => void;
  afterMs?: number;
}

/**
 * The deals of one stage as far as they have been loaded, page by page. One instance per stage is
 * shared by everything that shows the stage, so its summary, its first page and "Load more" never
 * fetch the same page twice.
 */
export class StageDealList extends PagedList<Deal> {
  total: number | undefined;
  totals: Money[] | undefined;
  private countTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;

  /**
   * With `counting`, a stage whose pages say nothing of its size is counted once it has sat for
   * COUNT_AFTER_MS without being read further: a stage read to its end needs no count.
   */
  constructor(
    fetchPage: (cursor: string | undefined) => Promise<Page<Deal>>,
    private readonly counting?: StageCounting,
  ) {
    super(fetchPage);
  }

  protected idOf(deal: Deal): string {
    return deal.id;
  }

  protected override pageArrived(page: Page<Deal>): void {
    if (page.total !== undefined) this.total = page.total;
    if (page.totals !== undefined) this.totals = page.totals;
    if (!this.hasMore && this.total === undefined) this.total = this.loaded.length;
    this.scheduleCount();
  }

  override reset(): void {
    super.reset();
    this.total = undefined;
    this.totals = undefined;
    this.generation++;
    clearTimeout(this.countTimer);
    this.countTimer = undefined;
  }

  private scheduleCount(): void {
    clearTimeout(this.countTimer);
    this.countTimer = undefined;
    if (!this.counting || this.total !== undefined || !this.hasMore) return;
    this.countTimer = setTimeout(() => void this.countNow(), this.counting.afterMs ?? COUNT_AFTER_MS);
    this.countTimer.unref?.();
  }

  private async countNow(): Promise<void> {
    this.countTimer = undefined;
    if (this.isLoading || this.total !== undefined || !this.hasMore) return;
    const generation = this.generation;
    let total: number | undefined;
    try {
      total = await this.counting!.count();
    } catch {
      // The count is an extra: the stage shows "100+" as before, and a refresh tries again.
      return;
    }
    if (total === undefined || generation !== this.generation || this.total !== undefined) return;
    this.total = Math.max(total, this.loaded.length);
    this.counting!.counted();
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
      if (!departed || !this.hasFirstPage) return undefined;
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
    if (!this.hasFirstPage || this.loaded.some((d) => d.id === deal.id)) return false;
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
}
