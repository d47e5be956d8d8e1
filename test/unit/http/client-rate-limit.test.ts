import assert from 'node:assert/strict';
import { closeSharedAgents } from '../../../src/http';
import { type Arrival, delay, type Handler, LocalServer, sendJson } from './helpers/local-server';
import { testClient } from './helpers/test-client';

/** The most arrivals that fall in any window [t, t + windowMs). */
function maxInWindow(arrivals: Arrival[], windowMs: number): number {
  const times = arrivals.map((a) => a.at).sort((a, b) => a - b);
  let best = 0;
  for (let i = 0; i < times.length; i++) {
    let j = i;
    while (j < times.length && times[j]! - times[i]! < windowMs) j++;
    best = Math.max(best, j - i);
  }
  return best;
}

describe('HttpClient rate limiting', function () {
  this.timeout(15_000);
  let server: LocalServer;
  let respond: Handler;

  beforeEach(async () => {
    server = await LocalServer.start((exchange) => respond(exchange));
  });
  afterEach(async () => {
    await server.close();
    await closeSharedAgents();
  });

  it('never sends more than the configured rate, even with 20 requests fired at once', async () => {
    respond = ({ res }) => sendJson(res, 200, {});
    const rate = 5;
    const burst = 1;
    const client = testClient(server.baseUrl, { limits: { ratePerSecond: rate, burst, concurrency: 20 } });
    await Promise.all(Array.from({ length: 20 }, (_, i) => client.requestRaw({ method: 'GET', path: `/deal/${i}` })));
    assert.equal(server.count, 20);
    const busiest = maxInWindow(server.arrivals, 1000);
    assert.ok(busiest <= rate + burst, `${busiest} requests arrived within one second`);
    const span = server.arrivals.at(-1)!.at - server.arrivals[0]!.at;
    assert.ok(span >= (19 * 1000) / rate - 100, `20 requests spread over only ${span} ms`);
  });

  it('never has more requests in flight than the concurrency cap', async () => {
    respond = ({ res }) => setTimeout(() => sendJson(res, 200, {}), 150);
    const client = testClient(server.baseUrl, { limits: { ratePerSecond: 1000, burst: 100, concurrency: 3 } });
    await Promise.all(Array.from({ length: 12 }, (_, i) => client.requestRaw({ method: 'GET', path: `/deal/${i}` })));
    assert.equal(server.count, 12);
    assert.ok(server.maxInFlight <= 3, `${server.maxInFlight} requests were in flight at once`);
    assert.ok(server.maxInFlight >= 2, 'the cap still lets requests run in parallel');
  });

  it('each account has its own limiter: a slow account does not hold back another', async () => {
    respond = ({ res, req }) => (req.url?.includes('/slow/') ? undefined : sendJson(res, 200, {}));
    const busy = testClient(server.baseUrl, { limits: { ratePerSecond: 100, concurrency: 1 }, timeouts: { responseMs: 2000 } });
    const other = testClient(server.baseUrl, { account: 'Other', limits: { ratePerSecond: 100, concurrency: 1 } });
    const stuck = busy.requestRaw({ method: 'POST', path: '/slow/1' }).catch(() => undefined);
    await delay(50);
    const started = Date.now();
    await other.requestRaw({ method: 'GET', path: '/fast' });
    assert.ok(Date.now() - started < 1000);
    busy.dispose();
    await stuck;
  });
});
