import assert from 'node:assert/strict';
import { z } from 'zod';
import { closeSharedAgents, type CrmError, isCrmError } from '../../../src/http';
import { LocalServer, sendJson } from './helpers/local-server';
import { BASIC_HEADER, captureLog, testClient } from './helpers/test-client';

const DealsSchema = z.object({
  deals: z.array(z.object({ id: z.string(), value: z.number() })),
  has_more: z.boolean(),
});

async function failure(promise: Promise<unknown>): Promise<CrmError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isCrmError(error), `expected a CrmError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('HttpClient responses', () => {
  let server: LocalServer;
  let respond: Parameters<typeof LocalServer.start>[0];

  before(async () => {
    server = await LocalServer.start((exchange) => respond(exchange));
  });
  after(async () => {
    await server.close();
    await closeSharedAgents();
  });

  it('returns the parsed body, sending JSON, auth, the base path and the query', async () => {
    respond = ({ res }) => sendJson(res, 200, { deals: [{ id: 'd1', value: 1200 }], has_more: false });
    const log = captureLog();
    const client = testClient(server.baseUrl, { logger: log });
    const result = await client.request(DealsSchema, {
      method: 'POST',
      path: '/opportunity/',
      query: { _limit: 2, _fields: ['id', 'value'], skip: undefined, open: true },
      body: { note: 'hi' },
    });
    assert.deepEqual(result, { deals: [{ id: 'd1', value: 1200 }], has_more: false });
    const arrival = server.arrivals.at(-1)!;
    assert.equal(arrival.url, '/api/v1/opportunity/?_limit=2&_fields=id&_fields=value&open=true');
    assert.equal(arrival.headers.authorization, BASIC_HEADER);
    assert.equal(arrival.headers['content-type'], 'application/json');
    assert.deepEqual(JSON.parse(arrival.body), { note: 'hi' });
    assert.equal(log.lines.length, 1);
    assert.match(log.lines[0]!, /^info POST \/opportunity\/\?_limit=2&_fields=id&_fields=value&open=true 200 \d+ms$/);
  });

  it('a wrong-shaped body is a badResponse naming the path of the problem', async () => {
    const deals = [0, 1, 2, 3].map((i) => ({ id: `d${i}`, value: i === 3 ? '1,200' : i }));
    respond = ({ res }) => sendJson(res, 200, { deals, has_more: false });
    const error = await failure(testClient(server.baseUrl).request(DealsSchema, { method: 'GET', path: '/opportunity/' }));
    assert.equal(error.kind, 'badResponse');
    assert.equal(error.issuePath, 'deals[3].value');
    assert.match(error.message, /^Close account "Acme": unexpected response at deals\[3\]\.value \(GET \/opportunity\/\)/);
  });

  it('a non-JSON success body is a badResponse too', async () => {
    respond = ({ res }) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    };
    const error = await failure(testClient(server.baseUrl).request(DealsSchema, { method: 'GET', path: '/opportunity/' }));
    assert.equal(error.kind, 'badResponse');
  });

  const statusCases: { status: number; kind: string; body: unknown; detail?: string; summary: RegExp }[] = [
    { status: 401, kind: 'auth', body: { error: 'Invalid API key' }, detail: 'Invalid API key', summary: /API key rejected/ },
    { status: 403, kind: 'forbidden', body: { message: 'No access to pipeline' }, detail: 'No access to pipeline', summary: /not allowed/ },
    { status: 404, kind: 'notFound', body: { statusCode: 404, error: 'NotFoundException', messages: ['Record not found'] }, detail: 'Record not found', summary: /not found/ },
    { status: 409, kind: 'conflict', body: { error: 'Version mismatch' }, detail: 'Version mismatch', summary: /changed on the server/ },
    { status: 500, kind: 'server', body: 'Internal error', detail: 'Internal error', summary: /server error/ },
  ];
  for (const c of statusCases) {
    it(`HTTP ${c.status} becomes ${c.kind} with the CRM's own words`, async () => {
      respond = ({ res }) =>
        typeof c.body === 'string' ? (res.writeHead(c.status), res.end(c.body)) : sendJson(res, c.status, c.body);
      const error = await failure(
        testClient(server.baseUrl).request(z.unknown(), { method: 'PUT', path: '/opportunity/o1/', body: {} }),
      );
      assert.equal(error.kind, c.kind);
      assert.equal(error.status, c.status);
      assert.equal(error.detail, c.detail);
      assert.match(error.message, c.summary);
      assert.ok(error.message.includes(`(PUT /opportunity/o1/, HTTP ${c.status})`), error.message);
      assert.ok(error.message.includes(c.detail!), error.message);
    });
  }

  it("422 becomes validation with field errors from the provider's errorDetail parser", async () => {
    respond = ({ res }) =>
      sendJson(res, 422, { errors: ['Invalid data'], 'field-errors': { value: 'Enter a number.', date_won: 'Bad date.' } });
    const client = testClient(server.baseUrl, {
      errorDetail: (status, body) => {
        const parsed = body as { errors: string[]; 'field-errors': Record<string, string> };
        return {
          detail: `${status}: ${parsed.errors.join(', ')}`,
          fieldErrors: Object.entries(parsed['field-errors']).map(([field, message]) => ({ field, message })),
        };
      },
    });
    const error = await failure(client.request(z.unknown(), { method: 'PUT', path: '/opportunity/o1/', body: { value: 'x' } }));
    assert.equal(error.kind, 'validation');
    assert.equal(error.detail, '422: Invalid data');
    assert.deepEqual(error.fieldErrors, [
      { field: 'value', message: 'Enter a number.' },
      { field: 'date_won', message: 'Bad date.' },
    ]);
    assert.match(error.message, /request rejected .*422: Invalid data \(value: Enter a number\.; date_won: Bad date\.\)/);
  });

  it('requestRaw returns status, headers and body without a schema, and still classifies failures', async () => {
    respond = ({ req, res }) =>
      req.url?.endsWith('/found')
        ? sendJson(res, 201, { ok: true }, { 'x-request-id': 'r1' })
        : sendJson(res, 404, { message: 'gone' });
    const client = testClient(server.baseUrl);
    const ok = await client.requestRaw({ method: 'GET', path: '/found' });
    assert.equal(ok.status, 201);
    assert.deepEqual(ok.body, { ok: true });
    assert.equal(ok.headers['x-request-id'], 'r1');
    const error = await failure(client.requestRaw({ method: 'GET', path: '/missing' }));
    assert.equal(error.kind, 'notFound');
    assert.equal(error.detail, 'gone');
  });
});
