import assert from 'node:assert/strict';
import { z } from 'zod';
import { closeSharedAgents, type CrmError, isCrmError } from '../../../src/http';
import { closedPort, delay, type Handler, LocalServer, sendJson } from './helpers/local-server';
import { captureLog, testClient } from './helpers/test-client';

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isCrmError(error), `expected a CrmError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('HttpClient timeouts, network failures and cancellation', function () {
  this.timeout(10_000);
  let server: LocalServer;
  let respond: Handler;

  beforeEach(async () => {
    server = await LocalServer.start((exchange) => respond(exchange));
  });
  afterEach(async () => {
    await server.close();
    await closeSharedAgents();
  });

  it('a server that never answers is a timeout; a write is not retried', async () => {
    respond = () => undefined;
    const client = testClient(server.baseUrl, { timeouts: { responseMs: 300 } });
    const error = await failure(client.request(z.unknown(), { method: 'PATCH', path: '/opportunity/o1/', body: {} }));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.host, `127.0.0.1:${server.port}`);
    assert.match(error.message, /127\.0\.0\.1:\d+ did not answer within 300 ms \(PATCH \/opportunity\/o1\/\)/);
    assert.equal(server.count, 1);
  });

  it('a body that stalls halfway also times out, and a read is retried before giving up', async () => {
    respond = ({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"data": [');
    };
    const client = testClient(server.baseUrl, { timeouts: { responseMs: 300 }, retry: { maxAttempts: 2, baseDelayMs: 10 } });
    const error = await failure(client.request(z.unknown(), { method: 'GET', path: '/opportunity/' }));
    assert.equal(error.kind, 'timeout');
    assert.equal(server.count, 2);
  });

  it('a refused connection is a network error naming the host', async () => {
    const port = await closedPort();
    const client = testClient(`http://127.0.0.1:${port}/api/v1`, { retry: { maxAttempts: 2, baseDelayMs: 10 } });
    const error = await failure(client.request(z.unknown(), { method: 'GET', path: '/pipeline/' }));
    assert.equal(error.kind, 'network');
    assert.equal(error.host, `127.0.0.1:${port}`);
    assert.equal(
      error.message,
      `Close account "Acme": can't reach 127.0.0.1:${port} (GET /pipeline/): ECONNREFUSED.`,
    );
  });

  it('a connection dropped in the middle of the body is a network error', async () => {
    respond = ({ res }) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"data": [{"id": 1},');
      setTimeout(() => res.socket?.destroy(), 20);
    };
    const client = testClient(server.baseUrl, { retry: { maxAttempts: 1 } });
    const error = await failure(client.request(z.unknown(), { method: 'GET', path: '/opportunity/' }));
    assert.equal(error.kind, 'network');
    assert.match(error.message, /lost the connection to 127\.0\.0\.1:\d+ \(GET \/opportunity\/\)/);
  });

  it('aborting the signal cancels promptly, and nothing more reaches the server', async () => {
    respond = () => undefined;
    const log = captureLog();
    const client = testClient(server.baseUrl, { logger: log });
    const controller = new AbortController();
    const pending = failure(client.request(z.unknown(), { method: 'GET', path: '/opportunity/', signal: controller.signal }));
    while (server.count === 0) await delay(5);
    const abortedAt = Date.now();
    controller.abort();
    const error = await pending;
    assert.equal(error.kind, 'cancelled');
    assert.ok(Date.now() - abortedAt < 1000, 'cancellation is prompt');
    await delay(300);
    assert.equal(server.count, 1, 'a cancelled GET is not retried');
    assert.match(log.lines.at(-1)!, /^info GET \/opportunity\/ cancelled \d+ms$/);
  });

  it('aborting while queued behind the concurrency cap means the request never reaches the server', async () => {
    respond = ({ res, req }) => {
      if (req.url?.endsWith('/slow')) setTimeout(() => sendJson(res, 200, {}), 300);
      else sendJson(res, 200, {});
    };
    const client = testClient(server.baseUrl, { limits: { ratePerSecond: 100, concurrency: 1 } });
    const slow = client.requestRaw({ method: 'GET', path: '/slow' });
    const controller = new AbortController();
    const queued = failure(client.requestRaw({ method: 'GET', path: '/queued', signal: controller.signal }));
    await delay(50);
    controller.abort();
    assert.equal((await queued).kind, 'cancelled');
    await slow;
    await delay(50);
    assert.deepEqual(
      server.arrivals.map((a) => a.url),
      ['/api/v1/slow'],
    );
  });

  it('aborting during the backoff before a retry stops the retries', async () => {
    // Retry-After fixes the backoff at 5 s, so the abort surely lands inside it.
    respond = ({ res }) => sendJson(res, 503, {}, { 'retry-after': '5' });
    const client = testClient(server.baseUrl);
    const controller = new AbortController();
    const pending = failure(client.request(z.unknown(), { method: 'GET', path: '/x', signal: controller.signal }));
    while (server.count === 0) await delay(5);
    await delay(20);
    controller.abort();
    assert.equal((await pending).kind, 'cancelled');
    await delay(100);
    assert.equal(server.count, 1);
  });

  it('dispose cancels requests in flight and refuses new ones', async () => {
    respond = () => undefined;
    const client = testClient(server.baseUrl);
    const pending = failure(client.requestRaw({ method: 'GET', path: '/hang' }));
    while (server.count === 0) await delay(5);
    client.dispose();
    assert.equal((await pending).kind, 'cancelled');
    assert.equal((await failure(client.requestRaw({ method: 'GET', path: '/later' }))).kind, 'cancelled');
    assert.equal(server.count, 1);
  });
});
