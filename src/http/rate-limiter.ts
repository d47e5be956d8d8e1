import { AbortedError, type Clock, systemClock, throwIfAborted } from './clock';

export interface RateLimits {
  /** Sustained requests per second the CRM allows this account. */
  ratePerSecond: number;
  /** Requests that may go at once after a quiet spell; 1 means strictly spaced. */
  burst?: number;
  /** Requests in flight at the same time (the bulkhead). */
  concurrency: number;
  /**
   * The limit as the CRM documents it, "`limit` requests per `ms`": when given, it replaces the
   * token bucket with a log of send times, so up to `limit` requests go at once and no window of
   * `ms` (whatever its alignment) ever holds more. A token bucket with a burst cannot promise that.
   */
  window?: { limit: number; ms: number };
}

/**
 * Added to every window, for clocks read a millisecond apart. A request's arrival lag needs no
 * margin: a send stays in the log until its answer came back, and it arrived before that.
 */
export const WINDOW_MARGIN_MS = 10;

/** How often to look again when the window is full of requests still waiting for their answers. */
const IN_FLIGHT_POLL_MS = 10;

/** One send in the window's log: when it went, or once answered (`done`), when its answer came. */
interface LoggedSend {
  at: number;
  done: boolean;
}

/** Call once when the request is finished; later calls do nothing. */
export type ReleasePermit = () => void;

/** A granted request: release it when finished; `seq` numbers it among the account's sends. */
export type Permit = ReleasePermit & { readonly seq: number };

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
  private readonly window: { limit: number; ms: number } | undefined;
  /** With a window: the sends still inside it. */
  private sent: LoggedSend[] = [];
  private readonly slotQueue: SlotWaiter[] = [];
  /** Requests sent so far; numbers each permit. */
  private sends = 0;
  /** What the CRM's quota headers left us until `until`; unknown when undefined or past. */
  private quota: { left: number; until: number; seq: number } | undefined;

  constructor(limits: RateLimits, clock: Clock = systemClock) {
    if (!(limits.ratePerSecond > 0)) throw new RangeError('ratePerSecond must be positive');
    if (!(limits.concurrency >= 1)) throw new RangeError('concurrency must be at least 1');
    this.rate = limits.ratePerSecond;
    this.burst = Math.max(1, limits.burst ?? 1);
    this.concurrency = Math.floor(limits.concurrency);
    this.clock = clock;
    this.tokens = this.burst;
    this.refilledAt = clock.now();
    if (limits.window) {
      if (!(limits.window.limit >= 1 && limits.window.ms > 0)) throw new RangeError('window needs a limit of at least 1 and a positive length');
      this.window = { limit: Math.floor(limits.window.limit), ms: limits.window.ms + WINDOW_MARGIN_MS };
    }
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
    // Resume at the steady rate: one request at the end of the pause, no burst on top of it.
    this.tokens = 0;
    this.refilledAt = epochMs - 1000 / this.rate;
    if (this.window) {
      const { limit, ms } = this.window;
      const inFlight = this.sent.filter((e) => !e.done);
      this.sent = [...inFlight, ...Array.from({ length: limit }, (_, i) => ({ at: epochMs - ms + (i * ms) / limit, done: true }))];
    }
  }

  /**
   * What a response's quota headers said: `remaining` of `limit` more until `resetAtMs`, counted
   * when the CRM took the request numbered `seq`. Requests sent after it may not be counted yet, so they are
   * taken off; none left pauses the account until the reset (and returns true). A header older
   * than the last one read is ignored.
   */
  observeQuota(seq: number, remaining: number, resetAtMs: number, limit?: number): boolean {
    // A quota no smaller than the window kept here adds nothing: the send log already holds the
    // account to it, and a reset rounded up to whole seconds would only stall it.
    if (this.window && limit !== undefined && limit >= this.window.limit) return false;
    const left = remaining - (this.sends - seq);
    if (left <= 0) {
      this.pauseUntil(resetAtMs);
      return true;
    }
    if (this.quota && this.quota.seq > seq && this.quota.until > this.clock.now()) return false;
    this.quota = { left, until: resetAtMs, seq };
    return false;
  }

  /** Waits for a slot, the end of any pause and a token. Rejects with AbortedError when the signal aborts. */
  async acquire(signal?: AbortSignal): Promise<Permit> {
    await this.takeSlot(signal);
    let logged: LoggedSend | undefined;
    let released = false;
    const release: ReleasePermit = () => {
      if (released) return;
      released = true;
      if (logged) {
        logged.at = Math.max(logged.at, this.clock.now());
        logged.done = true;
      }
      this.releaseSlot();
    };
    try {
      const granted = await this.takeToken(signal);
      logged = granted.logged;
      return Object.assign(release, { seq: granted.seq });
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Resolves once the send may go, with its number and (with a window) its log entry. */
  private async takeToken(signal: AbortSignal | undefined): Promise<{ seq: number; logged?: LoggedSend }> {
    for (;;) {
      throwIfAborted(signal);
      const now = this.clock.now();
      const wait = this.tokenWait(now);
      // windowWait logged this send last, synchronously: read it before anything else can run.
      if (wait === 0) return { seq: ++this.sends, logged: this.window ? this.sent.at(-1) : undefined };
      await this.clock.sleep(wait, signal);
    }
  }

  /** 0 after taking a token at `now`; else how long to wait before trying again. */
  private tokenWait(now: number): number {
    if (this.pausedUntilMs > now) return this.pausedUntilMs - now;
    const quota = this.quota && this.quota.until > now ? this.quota : undefined;
    if (quota && quota.left <= 0) return quota.until - now;
    if (this.window) {
      const wait = this.windowWait(now, this.window);
      if (wait === 0 && quota) quota.left--;
      return wait;
    }
    this.refill(now);
    // The epsilon absorbs float error so a waiter woken on time does not sleep again for 0 ms.
    if (this.tokens >= 1 - 1e-9) {
      this.tokens = Math.max(0, this.tokens - 1);
      if (quota) quota.left--;
      return 0;
    }
    return ((1 - this.tokens) * 1000) / this.rate;
  }

  /**
   * 0 after logging a send at `now` when the window has room; else how long until it may have.
   * A send leaves the log a window after its answer came back, never before.
   */
  private windowWait(now: number, window: { limit: number; ms: number }): number {
    this.sent = this.sent.filter((e) => !e.done || e.at > now - window.ms);
    if (this.sent.length < window.limit) {
      this.sent.push({ at: now, done: false });
      return 0;
    }
    let soonest = Number.POSITIVE_INFINITY;
    for (const e of this.sent) if (e.done) soonest = Math.min(soonest, e.at + window.ms - now);
    return Number.isFinite(soonest) ? Math.max(1, soonest) : IN_FLIGHT_POLL_MS;
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
