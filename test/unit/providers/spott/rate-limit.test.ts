import assert from 'node:assert/strict';
import { spottDescriptor } from '../../../../src/providers/spott';
import { loadEveryStage, maxInAnyWindow } from '../shared-harness';
import { assertClientRequestsDocumented, assertNoKey, type Harness, passRequests, startHarness, stopHarness } from './helpers';

describe('Spott provider: rate limit', function () {
  this.timeout(60_000);
  let h: Harness | undefined;

  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
  });

  it('loads 1,500 deals and expands every stage to its end without a 429, within the limit, in the fewest requests', async () => {
    // The fake holds the client to 10 in any second: stricter than 600 a minute, the lower documented figure.
    const documented = spottDescriptor.rateLimit!.ratePerSecond;
    h = await startHarness({ ratePerSecond: documented, fake: { deals: 1500 } });
    const harness = h;
    const loaded = await loadEveryStage(harness.provider, await harness.provider.listPipelines());
    assert.equal(loaded, 1500);
    const requests = harness.fake.requests;
    assert.equal(requests.filter((r) => r.status === 429).length, 0, 'no 429');
    assert.ok(maxInAnyWindow(requests, 1000) <= documented, `at most ${documented} in any second, saw ${maxInAnyWindow(requests, 1000)}`);
    assert.ok(maxInAnyWindow(requests, 60_000) <= 600);
    // The documented minimum: one pass of 50 a page; the stages are served from it.
    assert.equal(requests.length, passRequests(1500));
    assert.equal(harness.waits.length, 0);
    assertClientRequestsDocumented(harness);
    assertNoKey(harness);
  });

  it('a client that sends too fast is refused by the fake and recovers by waiting as told', async () => {
    // A client built for 50/s against 5/s: the fake refuses, the client waits Retry-After and succeeds.
    h = await startHarness({ ratePerSecond: 5, clientRatePerSecond: 50 });
    const harness = h;
    const results = await Promise.all(Array.from({ length: 8 }, () => harness.provider.checkKey()));
    assert.equal(results.length, 8);
    const statuses = harness.fake.requests.map((r) => r.status);
    assert.ok(statuses.includes(429), 'the fake refused some');
    assert.equal(statuses.filter((s) => s === 200).length, 8);
    assert.ok(harness.waits.length > 0 && harness.waits.every((w) => w.reason === 'rateLimited' && w.delayMs >= 1000));
  });
});
