import assert from 'node:assert/strict';
import http from 'node:http';
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

  it('a connection that never opens is a connect timeout naming the host, retried for a read', async () => {
    // The agent's DNS lookup never answers, so the socket stays connecting and nothing is sent anywhere.
    let lookups = 0;
    const agent = new http.Agent({ lookup: () => void lookups++ });
    const client = testClient('http://crm.invalid/api/v1', {
      dispatcher: agent,
      timeouts: { connectMs: 200, responseMs: 5000 },
      retry: { maxAttempts: 2, baseDelayMs: 10 },
    });
    const started = Date.now();
    const error = await failure(client.request(z.unknown(), { method: 'GET', path: '/pipeline/' }));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.message, `Close account "Acme": couldn't connect to crm.invalid within 200 ms (GET /pipeline/).`);
    assert.equal(lookups, 2);
    assert.ok(Date.now() - started < 2000, 'the connect deadline, not the response one, ended each attempt');
    agent.destroy();
  });

  it('keeps the connection alive between requests, and sends a JSON body whole with its length', async () => {
    const sockets = new Set<number | undefined>();
    respond = ({ req, res }) => {
      sockets.add(req.socket.remotePort);
      sendJson(res, 200, {});
    };
    const client = testClient(server.baseUrl);
    await client.requestRaw({ method: 'GET', path: '/a' });
    await client.requestRaw({ method: 'PUT', path: '/b', body: { note: 'héllo' } });
    await client.requestRaw({ method: 'GET', path: '/c' });
    assert.equal(sockets.size, 1, 'one connection served all three requests');
    const put = server.arrivals[1]!;
    assert.equal(put.body, '{"note":"héllo"}');
    assert.equal(put.headers['content-length'], String(Buffer.byteLength(put.body)));
    assert.equal(put.headers['transfer-encoding'], undefined);
  });

  it('gives a header sent once as a string and a repeated one as every value', async () => {
    respond = ({ res }) => {
      res.setHeader('x-ratelimit-remaining', '7');
      res.setHeader('link', ['<a>; rel="next"', '<b>; rel="last"']);
      sendJson(res, 200, {});
    };
    const response = await testClient(server.baseUrl).requestRaw({ method: 'GET', path: '/h' });
    assert.equal(response.headers['x-ratelimit-remaining'], '7');
    assert.deepEqual(response.headers.link, ['<a>; rel="next"', '<b>; rel="last"']);
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
