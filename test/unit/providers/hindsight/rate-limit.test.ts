import assert from 'node:assert/strict';
import type { Deal } from '../../../../src/model';
import { windowBudget } from '../../../../src/providers/hindsight';
import {
  assertClientRequestsDocumented, assertNoKey, clientRequests, discoveryRequests, type Harness, maxInAnyWindow, PIPELINE,
  stageRequests, startHarness, stopHarness,
} from './helpers';

/** What the tree does: the pipeline, then every stage's first page at once; then each stage paged to its end. */
async function loadPipeline(h: Harness): Promise<{ firstScreen: number; deals: Deal[] }> {
  const [pipeline] = await h.provider.listPipelines();
  const stages = pipeline!.stages;
  const firsts = await Promise.all(stages.map((s) => h.provider.listDeals({ pipelineId: PIPELINE, stageId: s.id })));
  const firstScreen = h.fake.requests.length;
  const deals: Deal[] = [];
  await Promise.all(
    stages.map(async (stage, i) => {
      let page = firsts[i]!;
      deals.push(...page.items);
      while (page.next) {
        page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: stage.id, cursor: page.next });
        deals.push(...page.items);
      }
    }),
  );
  return { firstScreen, deals };
}

/** The documented minimum: discovery, then per stage its pages (a full last one is followed by an empty one). */
function minimumRequests(h: Harness): { firstScreen: number; total: number } {
  const sizes = new Map<string, number>();
  for (const d of h.fake.state.deals) sizes.set(d.status_id, (sizes.get(d.status_id) ?? 0) + 1);
  const discovery = discoveryRequests(h.fake.state.deals);
  return {
    firstScreen: discovery + sizes.size,
    total: discovery + [...sizes.values()].reduce((sum, n) => sum + stageRequests(n), 0),
  };
}

/** Checked on arrivals: never more than the plan's budget less one (kept free) in any window of any alignment. */
function assertWithinBucket(h: Harness, perWindow: number, windowMs: number): void {
  const { window } = windowBudget(perWindow, windowMs, 2);
  assert.equal(window?.limit, perWindow - 1);
  const times = clientRequests(h).map((r) => r.at).sort((a, b) => a - b);
  for (let i = 0, j = 0; i < times.length; i++) {
    while (times[i]! - times[j]! >= windowMs) j++;
    assert.ok(i - j + 1 <= perWindow - 1, `${i - j + 1} requests within ${windowMs} ms`);
  }
}

describe('Hindsight provider: 60 requests per minute', function () {
  this.timeout(60_000);
  let h: Harness | undefined;

  afterEach(async () => {
    await stopHarness(h);
    h = undefined;
  });

  it('at the real 60 a minute (600 deals, scaled down to stay under a minute): the whole pipeline, no 429, the documented minimum of requests', async () => {
    h = await startHarness({ ratePerMinute: 60, fake: { deals: 600 } });
    const { firstScreen, deals } = await loadPipeline(h);
    assert.equal(deals.length, 600);
    const minimum = minimumRequests(h);
    assert.equal(firstScreen, minimum.firstScreen, 'first screen: discovery + one page per stage');
    assert.equal(h.fake.requests.length, minimum.total);
    assert.ok(minimum.total > 10, `${minimum.total} requests: more than the burst, so the pace is tested`);
    assert.equal(h.fake.requests.filter((r) => r.status === 429).length, 0);
    assert.ok(maxInAnyWindow(h.fake.requests, 60_000) <= 59);
    assertWithinBucket(h, 60, 60_000);
    assertClientRequestsDocumented(h);
    assertNoKey(h);
  });

  it('over many minutes (a 2-second "minute", 60 per minute, 8,000 deals): never more than 60 in any minute, no 429, the minimum', async () => {
    h = await startHarness({ ratePerMinute: 60, minuteMs: 2000, fake: { deals: 8000 } });
    const { deals } = await loadPipeline(h);
    assert.equal(deals.length, 8000);
    assert.equal(new Set(deals.map((d) => d.id)).size, 8000, 'no deal twice');
    const requests = h.fake.requests;
    assert.equal(requests.length, minimumRequests(h).total);
    assert.ok(requests.length > 60, `${requests.length} requests: more than one minute allows`);
    assert.ok(requests.at(-1)!.at - requests[0]!.at > 2000, 'spread over more than one minute');
    assert.equal(requests.filter((r) => r.status === 429).length, 0, 'no 429');
    const most = maxInAnyWindow(requests, 2000);
    assert.ok(most <= 60, `at most 60 in any minute, saw ${most}`);
    // No bucket-shape check at this compressed scale: arrivals are timed by a server in this same
    // process, and a busy machine delays them into bunches the client never sent. The real-rate
    // test above checks the shape, where a second per request dwarfs that jitter.
    assertClientRequestsDocumented(h);
  });

  it('the fake enforces the limit: the request over it gets 429 {"message"}, without Retry-After unless asked', async () => {
    h = await startHarness({ ratePerMinute: 3 });
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 4; i++) {
      const res = await fetch(`${h.fake.url}/api/v1/deals?count=true`, { headers: { authorization: `Bearer ${h.fake.apiKey}` } });
      statuses.push(res.status);
      if (res.status === 429) refused = res;
      else await res.arrayBuffer();
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.deepEqual(await refused!.json(), { message: 'Rate limit exceeded: 3 requests per minute' });
    assert.equal(refused!.headers.get('retry-after'), null);
    await stopHarness(h);
    h = await startHarness({ ratePerMinute: 1, fake: { retryAfter: true } });
    await (await fetch(`${h.fake.url}/api/v1/deals?count=true`, { headers: { authorization: `Bearer ${h.fake.apiKey}` } })).arrayBuffer();
    const again = await fetch(`${h.fake.url}/api/v1/deals?count=true`, { headers: { authorization: `Bearer ${h.fake.apiKey}` } });
    assert.equal(again.status, 429);
    assert.ok(Number(again.headers.get('retry-after')) >= 59);
    await again.arrayBuffer();
  });

  it('a client sending faster than the plan allows is refused, waits as told, and every call succeeds', async () => {
    // A client built for 100 a minute against a fake allowing 20 (a 1-second minute, Retry-After sent).
    h = await startHarness({
      ratePerMinute: 20, minuteMs: 1000, clientRatePerMinute: 100, fake: { retryAfter: true },
      providerOptions: { retry: { maxAttempts: 5, baseDelayMs: 20, maxDelayMs: 100 } },
    });
    const harness = h;
    const results = await Promise.all(Array.from({ length: 30 }, () => harness.provider.checkKey()));
    assert.equal(results.length, 30);
    const statuses = harness.fake.requests.map((r) => r.status);
    assert.ok(statuses.includes(429), 'the fake refused some');
    assert.equal(statuses.filter((s) => s === 200).length, 30);
    assert.ok(harness.waits.length > 0 && harness.waits.every((w) => w.reason === 'rateLimited' && w.delayMs >= 1000));
  });
});
