/**
 * A sliding window of served requests, as the fakes enforce a CRM's limit: a request is refused
 * when `limit` were already served in the last `windowMs`, and a refused one does not count. A
 * limit of 0 (or one not finite) turns it off. Each fake says how its CRM answers a refusal.
 */
export class RateWindow {
  /** Arrival times of the requests served in the window. */
  private served: number[] = [];
  /** Requests refused because the window was full. */
  refused = 0;

  constructor(readonly limit: number, readonly windowMs: number) {}

  get enabled(): boolean {
    return Number.isFinite(this.limit) && this.limit > 0;
  }

  /** Counts a request arriving at `at` (epoch ms); false when the window is full. */
  admit(at: number): boolean {
    if (!this.enabled) return true;
    this.prune(at);
    if (this.served.length >= this.limit) {
      this.refused++;
      return false;
    }
    this.served.push(at);
    return true;
  }

  /** Requests still allowed in the window at `at`. */
  remaining(at: number): number {
    this.prune(at);
    return Math.max(0, this.limit - this.served.length);
  }

  /** Seconds, with a fraction, until the oldest served request leaves the window (0 when none is in it). */
  resetSeconds(at: number): number {
    this.prune(at);
    const oldest = this.served[0];
    return oldest === undefined ? 0 : Math.max(0.001, (oldest + this.windowMs - at) / 1000);
  }

  /** Whole seconds until a place frees up, at least 1: what a `Retry-After` header says. */
  retryAfterSeconds(at: number): number {
    return Math.max(1, Math.ceil(this.resetSeconds(at)));
  }

  private prune(at: number): void {
    this.served = this.served.filter((t) => at - t < this.windowMs);
  }
}
