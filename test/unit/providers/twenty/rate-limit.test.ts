import assert from 'node:assert/strict';
import { type Clock, RateLimiter } from '../../../../src/http';
import { clientLimits, RATE_WINDOW_MS, twentyDescriptor } from '../../../../src/providers/twenty';
import type { RecordedRequest } from '../../../fakes/twenty';
import { loadEveryStage, maxInAnyWindow } from '../shared-harness';
import { assertNoKey, assertRequestsWellFormed, type Harness, sent, startHarness, stopHarness } from './helpers';

/** A clock whose sleeps pass at once, moving time forward: minutes of limiter behaviour in milliseconds. */
function virtualClock(): Clock & { at: number } {
  const clock = {
    at: 1_000_000,
    now: () => clock.at,
    sleep: async (ms: number) => {
      clock.at += Math.max(0, ms);
    },
  };
  return clock;
}

describe('Twenty provider: the rate limit', function () {
  this.timeout(60_000);
  let h: Harness | undefined;

  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
  });

  it('the real settings never exceed 100 requests in any minute: 1.5/s sustained, a burst of 8 (simulated time)', async () => {
    const limits = clientLimits(twentyDescriptor.rateLimit!);
    assert.equal(limits.ratePerSecond, 1.5);
    assert.equal(limits.burst, 8);
    assert.ok(limits.burst! + (limits.ratePerSecond * RATE_WINDOW_MS) / 1000 <= 100);
    const clock = virtualClock();
    const limiter = new RateLimiter(limits, clock);
    const sends: { at: number }[] = [];
    // 400 requests as fast as allowed, with quiet spells that refill the burst, as a user expanding stages would make them.
    for (let i = 0; i < 400; i++) {
      if (i % 150 === 0) clock.at += 30_000;
      const release = await limiter.acquire();
      sends.push({ at: clock.now() });
      release();
    }
    const max = maxInAnyWindow(sends, 60_000);
    assert.ok(max <= 100, `at most 100 in any minute, saw ${max}`);
    assert.ok(max >= 90, `and close to it (not needlessly slow), saw ${max}`);
  });

  it('loads a pipeline of 600 deals to the end without a 429, never over the limit, in the fewest requests (scaled down: 10 per 2 s)', async () => {
    // Twenty allows 100 per 60 s; the test keeps the shape (N per window, the client 10% under it)
    // at 10 per 2 s, and the server's clamp at 60 (older builds) so that 600 deals take many pages.
    const rate = { limit: 10, windowMs: 2000 };
    h = await startHarness({ rate, fake: { deals: 600, maxLimit: 60, seed: 11 } });
    const harness = h;
    const loaded = await loadEveryStage(harness.provider, await harness.provider.listPipelines());
    assert.equal(loaded, 600);
    const requests: RecordedRequest[] = harness.fake.requests;
    assert.equal(requests.filter((r) => r.status === 429).length, 0, 'no 429');
    const max = maxInAnyWindow(requests, rate.windowMs);
    assert.ok(max <= rate.limit, `at most ${rate.limit} in any window, saw ${max}`);
    // Minimum: the metadata once, then per stage ceil(n/60) pages (one for an empty stage).
    const perStage = harness.fake.state.stageOptions.map((s) => Math.max(1, Math.ceil(harness.fake.state.opportunities.filter((o) => o.stage === s.value).length / 60)));
    assert.equal(requests.length, 1 + perStage.reduce((a, b) => a + b, 0));
    assert.equal(requests.filter((r) => r.path === '/rest/metadata/objects').length, 1);
    assertRequestsWellFormed(harness);
    assertNoKey(harness);
  });

  it('the fake enforces its window: the 6th request within a second gets 429 with Retry-After and X-RateLimit headers', async () => {
    h = await startHarness({ rate: { limit: 5, windowMs: 1000 } });
    const statuses: number[] = [];
    let refused: Response | undefined;
    let body: Record<string, unknown> | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${h.fake.url}/rest/opportunities?limit=1&depth=0`, { headers: { authorization: `Bearer ${h.fake.apiKey}` } });
      statuses.push(res.status);
      if (res.status === 429) {
        refused = res;
        body = (await res.json()) as Record<string, unknown>;
      } else await res.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.equal(refused?.headers.get('retry-after'), '1');
    assert.equal(refused?.headers.get('x-ratelimit-limit'), '5');
    assert.equal(refused?.headers.get('x-ratelimit-remaining'), '0');
    assert.equal(body?.['error'], 'RATE_LIMITED');
    assert.equal(body?.['retryAfterSeconds'], 1);
  });

  it('a client sending faster than the server allows is refused and recovers by waiting as told', async () => {
    h = await startHarness({ rate: { limit: 5, windowMs: 1000 }, clientRate: { limit: 40, windowMs: 1000 } });
    const harness = h;
    const results = await Promise.all(Array.from({ length: 8 }, () => harness.provider.checkKey()));
    assert.equal(results.length, 8);
    const statuses = sent(harness).map((r) => r.status);
    assert.ok(statuses.includes(429), 'the fake refused some');
    assert.equal(statuses.filter((s) => s === 200).length, 8);
    assert.ok(harness.waits.length > 0 && harness.waits.every((w) => w.reason === 'rateLimited' && w.delayMs >= 1000));
  });
});
