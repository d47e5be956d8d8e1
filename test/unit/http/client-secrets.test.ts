import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { z } from 'zod';
import { closeSharedAgents, type CrmError, isCrmError } from '../../../src/http';
import { closedPort, type Handler, LocalServer, sendJson } from './helpers/local-server';
import { API_KEY, BASIC_HEADER, captureLog, testClient } from './helpers/test-client';

const BASIC_TOKEN = BASIC_HEADER.replace('Basic ', '');

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isCrmError(error), `expected a CrmError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

/** Everything a user or a log reader could see of an error. */
function visibleText(error: CrmError): string {
  return [error.message, error.detail, error.operation, JSON.stringify(error.fieldErrors), JSON.stringify(error), inspect(error)].join('\n');
}

function assertNoSecret(text: string): void {
  for (const secret of [API_KEY, encodeURIComponent(API_KEY), BASIC_TOKEN]) {
    assert.ok(!text.includes(secret), `a secret leaked into: ${text}`);
  }
}

describe('HttpClient never shows the API key', () => {
  let server: LocalServer;
  let respond: Handler;

  before(async () => {
    server = await LocalServer.start((exchange) => respond(exchange));
  });
  after(async () => {
    await server.close();
    await closeSharedAgents();
  });

  it('redacts a key the server echoes in a 401 body', async () => {
    respond = ({ res, req }) =>
      sendJson(res, 401, { error: `Invalid API key ${API_KEY} (sent "${req.headers.authorization}")` });
    const error = await failure(testClient(server.baseUrl).request(z.unknown(), { method: 'GET', path: '/me/' }));
    assert.equal(error.kind, 'auth');
    assertNoSecret(visibleText(error));
    assert.equal(error.detail, 'Invalid API key *** (sent "***")');
  });

  it('redacts the key from field errors', async () => {
    respond = ({ res }) => sendJson(res, 400, { 'field-errors': { [API_KEY]: `value ${API_KEY} is not allowed` } });
    const error = await failure(
      testClient(server.baseUrl).request(z.unknown(), { method: 'PUT', path: '/opportunity/o1/', body: { note: API_KEY } }),
    );
    assert.deepEqual(error.fieldErrors, [{ field: '***', message: 'value *** is not allowed' }]);
    assertNoSecret(visibleText(error));
  });

  it('keeps the key out of log lines and errors when it is in the URL path and query', async () => {
    respond = ({ res, req, count }) =>
      count % 2 ? sendJson(res, 503, { message: `bad url ${req.url}` }) : sendJson(res, 200, { echo: req.url });
    const log = captureLog();
    const client = testClient(server.baseUrl, { logger: log });
    const result = await client.requestRaw({
      method: 'GET',
      path: `/keys/${API_KEY}/deals`,
      query: { api_key: API_KEY, token: 'unknown-token', limit: 5 },
    });
    assert.equal(result.status, 200);
    assert.ok(server.arrivals.at(-1)!.url.includes(API_KEY), 'the key still went on the wire');
    assert.ok(log.lines.some((l) => l.startsWith('warn ')), 'the retry was logged');
    for (const line of log.lines) assertNoSecret(line);
    assert.match(log.lines[0]!, /^info GET \/keys\/\*\*\*\/deals\?api_key=\*\*\*&token=\*\*\*&limit=5 503 \d+ms$/);

    respond = ({ res, req }) => sendJson(res, 404, { message: `No such path ${req.url}` });
    const error = await failure(client.requestRaw({ method: 'GET', path: `/keys/${API_KEY}/x`, query: { api_key: API_KEY } }));
    assertNoSecret(visibleText(error));
    assert.equal(error.operation, 'GET /keys/***/x');
  });

  it('keeps the key out of network errors and bad-response errors', async () => {
    const port = await closedPort();
    const offline = testClient(`http://127.0.0.1:${port}`, { retry: { maxAttempts: 1 } });
    assertNoSecret(visibleText(await failure(offline.requestRaw({ method: 'GET', path: `/k/${API_KEY}` }))));

    respond = ({ res }) => sendJson(res, 200, { owner: API_KEY });
    const schema = z.object({ owner: z.enum(['alice', 'bob']) });
    const bad = await failure(testClient(server.baseUrl).request(schema, { method: 'GET', path: '/me/' }));
    assert.equal(bad.issuePath, 'owner');
    assertNoSecret(visibleText(bad));
  });
});
