/**
 * Twenty counts an API key's requests per window (100 per 60 s documented; the code keeps a short
 * and a long bucket). A sliding window here: over the limit, the request is answered 429 and does
 * nothing, and refused requests do not count.
 */
export class SlidingWindow {
  private readonly arrivals: number[] = [];
  refused = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Records an arrival; false when it exceeds the limit. */
  admit(now: number): boolean {
    this.prune(now);
    if (this.arrivals.length >= this.limit) {
      this.refused++;
      return false;
    }
    this.arrivals.push(now);
    return true;
  }

  /** Whole seconds until the oldest request leaves the window (at least 1), as `Retry-After` gives them. */
  retryAfterSeconds(now: number): number {
    this.prune(now);
    const oldest = this.arrivals[0];
    return oldest === undefined ? 1 : Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000));
  }

  private prune(now: number): void {
    while (this.arrivals.length && this.arrivals[0]! <= now - this.windowMs) this.arrivals.shift();
  }
}
