import assert from 'node:assert/strict';
import { loadEveryStage, maxInAnyWindow } from '../shared-harness';
import { assertClientRequestsDocumented, assertNoKey, type Harness, startHarness, stopHarness } from './helpers';

describe('ActiveCampaign provider: 5 requests per second', function () {
  this.timeout(60_000);
  let h: Harness | undefined;

  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
  });

  it('loads 2,000 deals to the end without a 429, never more than 5 in any second, in the fewest requests', async () => {
    h = await startHarness({ ratePerSecond: 5, fake: { deals: 2000 } });
    const harness = h;
    const loaded = await loadEveryStage(harness.provider, await harness.provider.listPipelines());
    assert.equal(loaded, 2000);
    const requests = harness.fake.requests;
    assert.equal(requests.filter((r) => r.status === 429).length, 0, 'no 429');
    assert.ok(maxInAnyWindow(requests, 1000) <= 5, `at most 5 in any second, saw ${maxInAnyWindow(requests, 1000)}`);
    // Minimum: dealGroups + users (owner names, once) + per stage ceil(n/100), at least one page for an empty stage.
    const perStage = harness.fake.state.dealStages.map((s) => Math.max(1, Math.ceil(harness.fake.state.deals.filter((d) => d.stage === s.id).length / 100)));
    const minimum = 2 + perStage.reduce((a, b) => a + b, 0);
    assert.equal(requests.length, minimum);
    assert.deepEqual(requests.slice(0, 1).map((r) => r.path), ['/api/3/dealGroups']);
    assert.equal(requests.filter((r) => r.path === '/api/3/users').length, 1);
    assertClientRequestsDocumented(harness);
    assertNoKey(harness);
  });

  it('the fake enforces 5 per second: the 6th request within a second gets 429 with Retry-After and RateLimit headers', async () => {
    h = await startHarness({ ratePerSecond: 5 });
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${h.fake.url}/api/3/users/me`, { headers: { 'api-token': h.fake.apiKey } });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
      await res.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429]);
    assert.equal(refused?.headers.get('retry-after'), '1');
    assert.equal(refused?.headers.get('ratelimit-limit'), '5');
    assert.equal(refused?.headers.get('ratelimit-remaining'), '0');
  });

  it('a client that sends too fast is refused by the fake and recovers by waiting as told', async () => {
    // A client built for 20/s against AC's 5/s: the fake refuses, the client waits Retry-After and succeeds.
    h = await startHarness({ ratePerSecond: 5, clientRatePerSecond: 20 });
    const harness = h;
    const results = await Promise.all(Array.from({ length: 8 }, () => harness.provider.checkKey()));
    assert.equal(results.length, 8);
    const statuses = harness.fake.requests.map((r) => r.status);
    assert.ok(statuses.includes(429), 'the fake refused some');
    assert.equal(statuses.filter((s) => s === 200).length, 8);
    assert.ok(harness.waits.every((w) => w.reason === 'rateLimited' && w.delayMs >= 1000));
  });
});
