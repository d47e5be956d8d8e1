import { AbortedError, type Clock, systemClock, throwIfAborted } from './clock';

export interface RateLimits {
  /** Sustained requests per second the CRM allows this account. */
  ratePerSecond: number;
  /** Requests that may go at once after a quiet spell; 1 means strictly spaced. */
  burst?: number;
  /** Requests in flight at the same time (the bulkhead). */
  concurrency: number;
}

/** Call once when the request is finished; later calls do nothing. */
export type ReleasePermit = () => void;

interface SlotWaiter {
  grant: () => void;
}

/**
 * One per account: a token bucket for the rate plus a cap on requests in flight.
 * A pause (after a 429, or when headers say the quota is spent) holds back every
 * request of the account, not only the one that was refused.
 */
export class RateLimiter {
  private readonly rate: number;
  private readonly burst: number;
  private readonly concurrency: number;
  private readonly clock: Clock;
  private tokens: number;
  private refilledAt: number;
  private pausedUntilMs = 0;
  private active = 0;
  private readonly slotQueue: SlotWaiter[] = [];

  constructor(limits: RateLimits, clock: Clock = systemClock) {
    if (!(limits.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    if (!(limits.concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
    this.rate = limits.ratePerSecond;
    this.burst = Math.max(1, limits.burst ?? 1);
    this.concurrency = Math.floor(limits.concurrency);
    this.clock = clock;
    this.tokens = this.burst;
    this.refilledAt = clock.now();
  }

  /** Requests currently holding a slot. */
  get inFlight(): number {
    return this.active;
  }

  /** How long the account is still paused, 0 when it is not. */
  pausedForMs(): number {
    return Math.max(0, this.pausedUntilMs - this.clock.now());
  }

  /** Holds back every request until `epochMs`. Never shortens a pause already set. */
  pauseUntil(epochMs: number): void {
    if (epochMs <= this.pausedUntilMs) return;
    this.pausedUntilMs = epochMs;
    // Resume at the steady rate: one token at the end of the pause, no burst on top of it.
    this.tokens = 0;
    this.refilledAt = epochMs - 1000 / this.rate;
  }

  /** Waits for a slot, the end of any pause and a token. Rejects with AbortedError when the signal aborts. */
  async acquire(signal?: AbortSignal): Promise<ReleasePermit> {
    await this.takeSlot(signal);
    let released = false;
    const release: ReleasePermit = () => {
      if (released) return;
      released = true;
      this.releaseSlot();
    };
    try {
      await this.takeToken(signal);
      return release;
    } catch (error) {
      release();
      throw error;
    }
  }

  private async takeToken(signal: AbortSignal | undefined): Promise<void> {
    for (;;) {
      throwIfAborted(signal);
      const now = this.clock.now();
      if (this.pausedUntilMs > now) {
        await this.clock.sleep(this.pausedUntilMs - now, signal);
        continue;
      }
      this.refill(now);
      // The epsilon absorbs float error so a waiter woken on time does not sleep again for 0 ms.
      if (this.tokens >= 1 - 1e-9) {
        this.tokens = Math.max(0, this.tokens - 1);
        return;
      }
      await this.clock.sleep(((1 - this.tokens) * 1000) / this.rate, signal);
    }
  }

  private refill(now: number): void {
    if (now <= this.refilledAt) return;
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.rate) / 1000);
    this.refilledAt = now;
  }

  private takeSlot(signal: AbortSignal | undefined): Promise<void> {
    throwIfAborted(signal);
    if (this.active < this.concurrency && this.slotQueue.length === 0) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = this.slotQueue.indexOf(waiter);
        if (index >= 0) this.slotQueue.splice(index, 1);
        reject(new AbortedError());
      };
      const waiter: SlotWaiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.slotQueue.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private releaseSlot(): void {
    const next = this.slotQueue.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next.grant();
    else this.active--;
  }
}
