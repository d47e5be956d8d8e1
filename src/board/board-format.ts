import { toDecimalString, type Money } from '../model';

const PERIOD_SUFFIX = { one_time: '', monthly: ' / month', annual: ' / year' } as const;

/**
 * The board's formatting, as the tree formats (src/util/format.ts), with each Intl formatter built
 * once: a board draws thousands of cards, and building a formatter per card costs most of the time.
 */
export class BoardFormat {
  private readonly money = new Map<string, Intl.NumberFormat>();
  private dayFormat: Intl.DateTimeFormat | undefined;
  private instantFormat: Intl.DateTimeFormat | undefined;
  private countFormat: Intl.NumberFormat | undefined;

  constructor(readonly locale?: string) {}

  /** "$1,200.00 / month". */
  amount(amount: Money, period?: keyof typeof PERIOD_SUFFIX): string {
    return `${this.moneyText(amount, false)}${period ? PERIOD_SUFFIX[period] : ''}`;
  }

  /** "$48,200 + €3,100", whole units; empty when there are none. */
  totals(totals: readonly Money[] | undefined): string {
    return (totals ?? []).map((m) => this.moneyText(m, true)).join(' + ');
  }

  count(n: number): string {
    this.countFormat ??= new Intl.NumberFormat(this.locale);
    return this.countFormat.format(n);
  }

  /** A YYYY-MM-DD day, never shifted by the time zone. */
  day(isoDate: string): string {
    const [y, m, d] = isoDate.split('-').map(Number);
    if (!y || !m || !d) return isoDate;
    this.dayFormat ??= new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeZone: 'UTC' });
    return this.dayFormat.format(Date.UTC(y, m - 1, d));
  }

  instant(iso: string): string {
    const time = Date.parse(iso);
    if (Number.isNaN(time)) return iso;
    this.instantFormat ??= new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' });
    return this.instantFormat.format(time);
  }

  private moneyText(m: Money, compact: boolean): string {
    const key = `${m.currency}${compact ? ':compact' : ''}`;
    let format = this.money.get(key);
    if (!format) {
      format = new Intl.NumberFormat(this.locale, {
        style: 'currency',
        currency: m.currency,
        ...(compact ? { maximumFractionDigits: 0, minimumFractionDigits: 0 } : {}),
      });
      this.money.set(key, format);
    }
    // The exact decimal string, not a float (Intl formats numeric strings exactly).
    return format.format(toDecimalString(m) as unknown as number);
  }
}
