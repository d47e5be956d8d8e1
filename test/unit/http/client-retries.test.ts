import assert from 'node:assert/strict';
import { z } from 'zod';
import { closeSharedAgents, type CrmError, isCrmError, type WaitInfo } from '../../../src/http';
import { type Handler, LocalServer, sendJson } from './helpers/local-server';
import { captureLog, testClient } from './helpers/test-client';

const Ok = z.object({ ok: z.literal(true) });

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isCrmError(error), `expected a CrmError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

/** Lower bounds get a little slack for timer rounding; upper bounds are never asserted tightly. */
const SLACK_MS = 50;

describe('HttpClient retries and rate limits', function () {
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

  it('retries a GET after 503 and returns the eventual success, telling the UI it waits', async () => {
    respond = ({ res, count }) => (count < 3 ? sendJson(res, 503, { message: 'busy' }) : sendJson(res, 200, { ok: true }));
    const waits: WaitInfo[] = [];
    const log = captureLog();
    const client = testClient(server.baseUrl, { onWait: (info) => waits.push(info), logger: log });
    assert.deepEqual(await client.request(Ok, { method: 'GET', path: '/pipeline/' }), { ok: true });
    assert.equal(server.count, 3);
    assert.deepEqual(
      waits.map((w) => [w.reason, w.operation]),
      [
        ['retry', 'GET /pipeline/'],
        ['retry', 'GET /pipeline/'],
      ],
    );
    assert.equal(log.lines.filter((l) => l.startsWith('warn GET /pipeline/ failed; retrying in')).length, 2);
  });

  it('gives up on a GET after the configured attempts and reports the server error', async () => {
    respond = ({ res }) => sendJson(res, 502, { message: 'bad gateway' });
    const error = await failure(
      testClient(server.baseUrl, { retry: { maxAttempts: 3, baseDelayMs: 10 } }).request(Ok, { method: 'GET', path: '/x' }),
    );
    assert.equal(error.kind, 'server');
    assert.equal(error.status, 502);
    assert.equal(server.count, 3);
  });

  it('does not retry a POST after 503: the CRM may have applied it', async () => {
    respond = ({ res }) => sendJson(res, 503, { message: 'busy' });
    const error = await failure(
      testClient(server.baseUrl).request(Ok, { method: 'POST', path: '/task/', body: { text: 'Call' } }),
    );
    assert.equal(error.kind, 'server');
    assert.equal(server.count, 1);
  });

  it('retries a POST after 429 (the CRM did nothing), no earlier than Retry-After seconds', async () => {
    respond = ({ res, count }) =>
      count === 1 ? sendJson(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : sendJson(res, 200, { ok: true });
    const waits: WaitInfo[] = [];
    const client = testClient(server.baseUrl, { onWait: (info) => waits.push(info) });
    await client.request(Ok, { method: 'POST', path: '/task/', body: { text: 'Call' } });
    assert.equal(server.count, 2);
    const gap = server.arrivals[1]!.at - server.arrivals[0]!.at;
    assert.ok(gap >= 1000 - SLACK_MS, `retried after ${gap} ms`);
    assert.deepEqual(waits, [{ reason: 'rateLimited', delayMs: 1000, operation: 'POST /task/' }]);
    assert.equal(server.arrivals[1]!.body, '{"text":"Call"}');
  });

  it('honours Retry-After given as an HTTP-date', async () => {
    let retryAt = 0;
    respond = ({ res, count }) => {
      if (count > 1) return sendJson(res, 200, { ok: true });
      // HTTP dates have whole seconds: round up so the date is at least a second ahead.
      retryAt = Math.ceil((Date.now() + 1000) / 1000) * 1000;
      sendJson(res, 429, {}, { 'retry-after': new Date(retryAt).toUTCString() });
    };
    await testClient(server.baseUrl).request(Ok, { method: 'GET', path: '/lead/' });
    assert.equal(server.count, 2);
    assert.ok(server.arrivals[1]!.at >= retryAt - SLACK_MS, `came ${retryAt - server.arrivals[1]!.at} ms early`);
  });

  it("honours Close's combined RateLimit header on a 429", async () => {
    respond = ({ res, count }) =>
      count === 1
        ? sendJson(res, 429, { error: { message: 'Too many' } }, { ratelimit: 'limit=100, remaining=0, reset=1' })
        : sendJson(res, 200, { ok: true });
    await testClient(server.baseUrl).request(Ok, { method: 'GET', path: '/lead/' });
    const gap = server.arrivals[1]!.at - server.arrivals[0]!.at;
    assert.ok(gap >= 1000 - SLACK_MS, `retried after ${gap} ms`);
  });

  it("honours the provider's hint from the body (Close's error.rate_reset)", async () => {
    respond = ({ res, count }) =>
      count === 1 ? sendJson(res, 429, { error: { rate_reset: 0.8 } }) : sendJson(res, 200, { ok: true });
    const client = testClient(server.baseUrl, {
      rateLimitHint: ({ body }) => {
        const reset = (body as { error?: { rate_reset?: number } }).error?.rate_reset;
        return reset === undefined ? undefined : reset * 1000;
      },
    });
    await client.request(Ok, { method: 'GET', path: '/lead/' });
    const gap = server.arrivals[1]!.at - server.arrivals[0]!.at;
    assert.ok(gap >= 800 - SLACK_MS, `retried after ${gap} ms`);
  });

  it('after a 429 the other requests of the account wait too, not only the refused one', async () => {
    let refusedAt = 0;
    respond = ({ res, req, arrival }) => {
      if (req.url?.endsWith('/first') && refusedAt === 0) {
        refusedAt = arrival.at;
        return sendJson(res, 429, {}, { 'retry-after': '1' });
      }
      sendJson(res, 200, { ok: true });
    };
    const client = testClient(server.baseUrl);
    const first = client.request(Ok, { method: 'GET', path: '/first' });
    // The others start once the 429 has arrived, as another view refreshing would.
    while (refusedAt === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const others = [1, 2, 3].map((i) => client.request(Ok, { method: 'GET', path: `/other/${i}` }));
    await Promise.all([first, ...others]);
    const later = server.arrivals.filter((a) => a.url.includes('/other/'));
    assert.equal(later.length, 3);
    for (const arrival of later) {
      assert.ok(arrival.at >= refusedAt + 1000 - SLACK_MS, `${arrival.url} came ${arrival.at - refusedAt} ms after the 429`);
    }
  });

  it('when the server asks for a longer wait than allowed, fails at once as rateLimited with retryAfterMs', async () => {
    respond = ({ res }) => sendJson(res, 429, { error: 'hourly quota' }, { 'retry-after': '3600' });
    const client = testClient(server.baseUrl, { retry: { maxRetryAfterMs: 60_000 } });
    const started = Date.now();
    const error = await failure(client.request(Ok, { method: 'GET', path: '/lead/' }));
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.retryAfterMs, 3_600_000);
    assert.match(error.message, /rate limited, try again in 60 min/);
    assert.equal(server.count, 1);
    // The account is paused, so the next request fails fast too instead of hanging for an hour.
    const next = await failure(client.request(Ok, { method: 'GET', path: '/other/' }));
    assert.equal(next.kind, 'rateLimited');
    assert.ok(next.retryAfterMs! > 3_500_000);
    assert.equal(server.count, 1);
    assert.ok(Date.now() - started < 5000);
  });

  it('pauses the account when a successful response says the quota is spent', async () => {
    respond = ({ res, count }) =>
      sendJson(res, 200, { ok: true }, count === 1 ? { ratelimit: 'limit=100, remaining=0, reset=1' } : {});
    const client = testClient(server.baseUrl);
    await client.request(Ok, { method: 'GET', path: '/a' });
    await client.request(Ok, { method: 'GET', path: '/b' });
    const gap = server.arrivals[1]!.at - server.arrivals[0]!.at;
    assert.ok(gap >= 1000 - SLACK_MS, `second request after ${gap} ms`);
  });
});
