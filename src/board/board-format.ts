import type { Money } from '../model';
import { formatAmount, formatCount, formatDay, formatInstant, formatTotals } from '../util/format';

/**
 * The board's formatting in one locale: the tree's own functions (src/util/format.ts), whose Intl
 * formatters are built once per locale and options, so thousands of cards cost little.
 */
export class BoardFormat {
  constructor(readonly locale?: string) {}

  /** "$1,200.00 / month". */
  amount(amount: Money, period?: Parameters<typeof formatAmount>[1]): string {
    return formatAmount(amount, period, this.locale);
  }

  /** "$48,200 + €3,100", whole units; empty when there are none. */
  totals(totals: readonly Money[] | undefined): string {
    return formatTotals(totals, this.locale);
  }

  count(n: number): string {
    return formatCount(n, this.locale);
  }

  /** A YYYY-MM-DD day, never shifted by the time zone. */
  day(isoDate: string): string {
    return formatDay(isoDate, this.locale);
  }

  instant(iso: string): string {
    return formatInstant(iso, this.locale);
  }
}
