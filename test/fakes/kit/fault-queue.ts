/** Which requests a queued fault applies to; every given condition must hold. */
export interface FaultMatch {
  /** How many matching requests fail; default 1. */
  times?: number;
  method?: string;
  /** Matched against the path below the API prefix: a string equal to it, or a RegExp. */
  path?: string | RegExp;
  /** Only requests whose query has these values (e.g. `{count: 'true'}`). */
  query?: Record<string, string>;
}

/**
 * The faults a test queued with `failNext`, taken by the requests they match. Shared by the fakes
 * so that every CRM's fake fails the same way when told to.
 */
export class FaultQueue<F> {
  private entries: { fault: F; match: FaultMatch; left: number }[] = [];

  add(fault: F, match: FaultMatch = {}): void {
    this.entries.push({ fault, match, left: Math.max(1, match.times ?? 1) });
  }

  /** The first fault matching this request, counted down (and dropped when used up). */
  take(method: string, path: string, query: Record<string, unknown> = {}): F | undefined {
    const entry = this.entries.find(({ match }) =>
      (!match.method || match.method.toUpperCase() === method.toUpperCase()) &&
      (!match.path || (typeof match.path === 'string' ? match.path === path : match.path.test(path))) &&
      Object.entries(match.query ?? {}).every(([k, v]) => query[k] === v));
    if (!entry) return undefined;
    entry.left -= 1;
    if (entry.left <= 0) this.entries = this.entries.filter((e) => e !== entry);
    return entry.fault;
  }

  clear(): void {
    this.entries = [];
  }
}
