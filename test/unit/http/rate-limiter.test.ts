import assert from 'node:assert/strict';
import { AbortedError } from '../../../src/http/clock';
import { type Permit, RateLimiter, WINDOW_MARGIN_MS } from '../../../src/http/rate-limiter';
import { FakeClock } from './helpers/fake-clock';

/**
 * Starts acquire() and records when it resolves (in fake time) or that it was aborted. `answerAfterMs`:
 * the request's answer comes back this long after it went (the permit is released then).
 */
function track(limiter: RateLimiter, clock: FakeClock, signal?: AbortSignal, answerAfterMs?: number) {
  const state: { grantedAt?: number; release?: Permit; aborted?: boolean } = {};
  const promise = limiter.acquire(signal).then(
    (release) => {
      state.grantedAt = clock.now();
      state.release = release;
      if (answerAfterMs !== undefined) void clock.sleep(answerAfterMs).then(() => release());
    },
    (error: unknown) => {
      state.aborted = error instanceof AbortedError;
    },
  );
  return Object.assign(state, { promise });
}

describe('RateLimiter', () => {
  it('lets the burst through at once, then spaces requests at the configured rate', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new RateLimiter({ ratePerSecond: 5, burst: 2, concurrency: 100 }, clock);
    const waiters = Array.from({ length: 6 }, () => track(limiter, clock));
    await clock.advance(0);
    assert.equal(waiters.filter((w) => w.grantedAt !== undefined).length, 2, 'burst of 2 goes immediately');
    await clock.advance(1000);
    const offsets = waiters.map((w) => (w.grantedAt ?? NaN) - start);
    assert.deepEqual(offsets, [0, 0, 200, 400, 600, 800]);
  });

  it('with a documented window (5 per second): five go at once, and no second of any alignment holds more than five', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new RateLimiter({ ratePerSecond: 5, concurrency: 100, window: { limit: 5, ms: 1000 } }, clock);
    // Each answer comes 30 ms after its request: a send counts until a window after its answer.
    const waiters = Array.from({ length: 17 }, () => track(limiter, clock, undefined, 30));
    await clock.advance(0);
    assert.equal(waiters.filter((w) => w.grantedAt !== undefined).length, 5);
    await clock.advance(5000);
    const times = waiters.map((w) => w.grantedAt! - start);
    for (const t of times) assert.ok(times.filter((u) => u >= t && u < t + 1000 + 30 + WINDOW_MARGIN_MS).length <= 5, `window from ${t}`);
    // The documented rate is used, not a fraction of it: 17 requests in a little over three windows.
    assert.equal(times.at(-1), 3 * (1000 + 30 + WINDOW_MARGIN_MS));
  });

  it('with a window, after a pause the account resumes one request at a time, not with a burst', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new RateLimiter({ ratePerSecond: 5, concurrency: 100, window: { limit: 5, ms: 1000 } }, clock);
    limiter.pauseUntil(start + 2000);
    const waiters = Array.from({ length: 3 }, () => track(limiter, clock));
    await clock.advance(3000);
    const offsets = waiters.map((w) => w.grantedAt! - start);
    assert.equal(offsets[0], 2000);
    assert.ok(offsets[1]! - offsets[0]! >= 200 && offsets[2]! - offsets[1]! >= 200, `spaced: ${offsets.join(', ')}`);
  });

  it("keeps to the quota a response's headers report, less what was sent after that request", async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new RateLimiter({ ratePerSecond: 20, concurrency: 100, window: { limit: 20, ms: 1000 } }, clock);
    const first = track(limiter, clock);
    track(limiter, clock);
    await clock.advance(0);
    // The first answer says 3 remain until the reset in 1 s; the second request was already out.
    limiter.observeQuota(first.release!.seq, 3, start + 1000);
    const later = Array.from({ length: 4 }, () => track(limiter, clock));
    await clock.advance(0);
    assert.equal(later.filter((w) => w.grantedAt !== undefined).length, 2, 'only what the CRM has left goes now');
    await clock.advance(1000);
    assert.deepEqual(later.map((w) => w.grantedAt! - start), [0, 0, 1000, 1000], 'the rest go when the quota resets');
  });

  it('a quota as large as the window kept here does not stall it: a reset rounded up to a second is not waited for', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new RateLimiter({ ratePerSecond: 20, concurrency: 100, window: { limit: 20, ms: 1000 } }, clock);
    const sent = Array.from({ length: 20 }, () => track(limiter, clock, undefined, 0));
    await clock.advance(0);
    // Close answers the 20th with remaining=0 and reset=1 (whole seconds).
    assert.equal(limiter.observeQuota(sent[19]!.release!.seq, 0, start + 1000, 20), false, 'not held back, so not reported as such');
    const next = track(limiter, clock, undefined, 0);
    await clock.advance(2000);
    assert.equal(next.grantedAt, start + 1000 + WINDOW_MARGIN_MS, 'the send log alone decides');
    // A smaller quota (another endpoint group's) is kept to.
    assert.equal(limiter.observeQuota(next.release!.seq, 0, clock.now() + 1000, 5), true);
    const held = track(limiter, clock);
    await clock.advance(0);
    assert.equal(held.grantedAt, undefined);
  });

  it('an answer that arrives late does not undo what a newer one said; remaining=0 pauses until the reset', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new RateLimiter({ ratePerSecond: 20, concurrency: 100, window: { limit: 20, ms: 1000 } }, clock);
    const sent = Array.from({ length: 2 }, () => track(limiter, clock, undefined, 0));
    await clock.advance(0);
    limiter.observeQuota(sent[1]!.release!.seq, 1, start + 500);
    limiter.observeQuota(sent[0]!.release!.seq, 10, start + 500);
    const a = track(limiter, clock, undefined, 0);
    const b = track(limiter, clock, undefined, 0);
    await clock.advance(0);
    assert.equal(a.grantedAt, start);
    assert.equal(b.grantedAt, undefined, 'the newer answer left one request');
    limiter.observeQuota(a.release!.seq, 0, start + 800);
    await clock.advance(1000);
    assert.equal(b.grantedAt, start + 800);
  });

  it('never has more requests in flight than the concurrency cap, and hands freed slots on in order', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 1000, burst: 1000, concurrency: 2 }, clock);
    const waiters = Array.from({ length: 4 }, () => track(limiter, clock));
    await clock.advance(0);
    assert.deepEqual(
      waiters.map((w) => w.grantedAt !== undefined),
      [true, true, false, false],
    );
    assert.equal(limiter.inFlight, 2);
    waiters[0]!.release!();
    waiters[0]!.release!(); // a second release must not free a second slot
    await clock.advance(0);
    assert.deepEqual(
      waiters.map((w) => w.grantedAt !== undefined),
      [true, true, true, false],
    );
    assert.equal(limiter.inFlight, 2);
  });

  it('a pause holds back every request of the account until it ends', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new RateLimiter({ ratePerSecond: 10, burst: 5, concurrency: 10 }, clock);
    limiter.pauseUntil(start + 3000);
    limiter.pauseUntil(start + 1000); // an earlier end must not shorten the pause
    assert.equal(limiter.pausedForMs(), 3000);
    const waiters = Array.from({ length: 3 }, () => track(limiter, clock));
    await clock.advance(2999);
    assert.ok(waiters.every((w) => w.grantedAt === undefined), 'nobody passes during the pause');
    await clock.advance(1000);
    const offsets = waiters.map((w) => (w.grantedAt ?? NaN) - start);
    // After the pause the account resumes at the steady rate, not with a burst.
    assert.deepEqual(offsets, [3000, 3100, 3200]);
  });

  it('a pause set while requests wait for tokens also holds them', async () => {
    const clock = new FakeClock();
    const start = clock.now();
    const limiter = new RateLimiter({ ratePerSecond: 1, burst: 1, concurrency: 10 }, clock);
    const first = track(limiter, clock);
    const second = track(limiter, clock);
    await clock.advance(100);
    assert.equal(first.grantedAt, start);
    limiter.pauseUntil(start + 5000);
    await clock.advance(6000);
    assert.ok(second.grantedAt! >= start + 5000, `granted at +${second.grantedAt! - start} ms`);
  });

  it('acquire is cancelled by its signal while waiting for a slot, and the slot queue moves on', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 1000, burst: 1000, concurrency: 1 }, clock);
    const holder = track(limiter, clock);
    const controller = new AbortController();
    const cancelled = track(limiter, clock, controller.signal);
    const next = track(limiter, clock);
    await clock.advance(0);
    controller.abort();
    await cancelled.promise;
    assert.equal(cancelled.aborted, true);
    holder.release!();
    await clock.advance(0);
    assert.notEqual(next.grantedAt, undefined, 'the next waiter got the slot');
    assert.equal(limiter.inFlight, 1);
  });

  it('acquire is cancelled while waiting out a pause, and frees its slot', async () => {
    const clock = new FakeClock();
    const limiter = new RateLimiter({ ratePerSecond: 10, concurrency: 1 }, clock);
    limiter.pauseUntil(clock.now() + 60_000);
    const controller = new AbortController();
    const waiter = track(limiter, clock, controller.signal);
    await clock.advance(10);
    controller.abort();
    await waiter.promise;
    assert.equal(waiter.aborted, true);
    assert.equal(limiter.inFlight, 0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const limiter = new RateLimiter({ ratePerSecond: 10, concurrency: 1 }, new FakeClock());
    await assert.rejects(limiter.acquire(AbortSignal.abort()), AbortedError);
    assert.equal(limiter.inFlight, 0);
  });
});
