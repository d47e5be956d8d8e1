/**
 * Close limits requests per API key (per endpoint group; the fake uses one group, the stricter
 * reading). A sliding one-second window: over the limit, the request is answered 429 and does
 * nothing. Every answer carries `RateLimit: limit=…, remaining=…, reset=…` like Close's.
 */
export class SlidingWindow {
  private readonly arrivals: number[] = [];
  /** Requests refused with 429 because the window was full. */
  refused = 0;

  constructor(private readonly perSecond: number, private readonly windowMs = 1000) {}

  get enabled(): boolean {
    return Number.isFinite(this.perSecond) && this.perSecond > 0;
  }

  /** Records an arrival; false when it exceeds the limit (and is then not counted). */
  admit(now: number): boolean {
    if (!this.enabled) return true;
    this.prune(now);
    if (this.arrivals.length >= this.perSecond) {
      this.refused++;
      return false;
    }
    this.arrivals.push(now);
    return true;
  }

  /** Seconds until the oldest request in the window leaves it (at least a small positive value). */
  resetSeconds(now: number): number {
    this.prune(now);
    const oldest = this.arrivals[0];
    return oldest === undefined ? 0 : Math.max(0.001, (oldest + this.windowMs - now) / 1000);
  }

  header(now: number): string | undefined {
    if (!this.enabled) return undefined;
    this.prune(now);
    const remaining = Math.max(0, this.perSecond - this.arrivals.length);
    // Close sends whole seconds.
    return `limit=${this.perSecond}, remaining=${remaining}, reset=${Math.ceil(this.resetSeconds(now))}`;
  }

  private prune(now: number): void {
    while (this.arrivals.length && this.arrivals[0]! <= now - this.windowMs) this.arrivals.shift();
  }
}
