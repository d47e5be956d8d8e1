import assert from 'node:assert/strict';
import { HindsightProvider, hindsightDescriptor } from '../../../../src/providers/hindsight';
import { STAGES } from '../../../fakes/hindsight';
import {
  assertClientRequestsDocumented, assertNoKey, clientRequests, endTest, type Harness, PIPELINE, rejectsWith, startHarness,
  stopHarness,
} from './helpers';

const STAGE = { pipelineId: PIPELINE, stageId: STAGES.won };

describe('Hindsight provider: failures', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ requestTimeoutMs: 400 });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  it('401: a wrong key is an auth error with Hindsight\'s words, not retried, and neither key shows anywhere', async () => {
    await stopHarness(h);
    h = await startHarness({ apiKey: 'hs_wrong_key_1234567890' });
    const error = await rejectsWith(h, h.provider.checkKey(), 'auth');
    assert.equal(error.status, 401);
    assert.equal(error.detail, 'Invalid API key');
    assert.match(error.message, /^Hindsight account "Acme Hindsight": API key rejected/);
    assert.ok(!error.message.includes('hs_wrong_key_1234567890'));
    assert.ok(h.logs.length > 0 && h.logs.every((l) => !l.includes('hs_wrong_key_1234567890')));
    assert.equal(h.fake.requests.length, 1);
  });

  it('no key stored: auth error without sending anything', async () => {
    const provider = new HindsightProvider(hindsightDescriptor, { ...h.context, apiKey: undefined });
    try {
      await rejectsWith(h, provider.listPipelines(), 'auth');
      assert.equal(h.fake.requests.length, 0);
    } finally {
      provider.dispose();
    }
  });

  it('a base URL that would send the key in clear: a clear error, nothing sent', async () => {
    const provider = new HindsightProvider(hindsightDescriptor, { ...h.context, account: { ...h.context.account, baseUrl: 'http://hindsight.example.com' } });
    const error = await rejectsWith(h, provider.listPipelines(), 'validation');
    assert.match(error.message, /https:\/\//);
    assert.equal(h.fake.requests.length, 0);
    provider.dispose();
  });

  it('403: forbidden, with Hindsight\'s message', async () => {
    h.fake.failNext({ kind: 'status', status: 403 });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'forbidden');
    assert.equal(error.detail, 'Insufficient permissions');
  });

  it('404: notFound from the server, and for a deal the ids filter does not find', async () => {
    h.fake.failNext({ kind: 'status', status: 404 });
    const server = await rejectsWith(h, h.provider.listDeals(STAGE), 'notFound');
    assert.equal(server.status, 404);
    assert.equal(server.detail, 'Not found');
    const missing = await rejectsWith(h, h.provider.fetchDeal('deal_missing'), 'notFound');
    assert.match(missing.message, /no deal "deal_missing"/);
  });

  it('400: a validation error carrying Hindsight\'s message, not retried', async () => {
    h.fake.failNext({ kind: 'status', status: 400, message: 'Invalid filter format: status must be a valid JSON array' }, { query: { count: 'true' } });
    const error = await rejectsWith(h, h.provider.checkKey(), 'validation');
    assert.equal(error.status, 400);
    assert.match(error.message, /Invalid filter format: status must be a valid JSON array/);
    assert.equal(h.fake.requests.length, 1);
  });

  it('an error body in the {"error": {"message"}} shape a third-party client assumes is read too', async () => {
    h.fake.failNext({ kind: 'status', status: 400, body: { error: { code: 'bad_filter', message: 'Unknown status', details: 'status "x"' } } });
    const error = await rejectsWith(h, h.provider.listDeals(STAGE), 'validation');
    assert.equal(error.detail, 'Unknown status (status "x")');
  });

  it('429 with Retry-After: waits at least as long as asked, says so, then succeeds', async () => {
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 });
    assert.deepEqual(await h.provider.checkKey(), {});
    const [refused, retried] = h.fake.requests;
    assert.equal(refused?.status, 429);
    assert.equal(retried?.status, 200);
    assert.ok(retried!.at - refused!.at >= 1000, `retried after ${retried!.at - refused!.at} ms`);
    assert.deepEqual(h.waits.map((w) => [w.reason, w.delayMs]), [['rateLimited', 1000]]);
  });

  it('429 without any header (as Hindsight documents it): waits a third of the rate window, not a blind second', async () => {
    await stopHarness(h);
    h = await startHarness({ minuteMs: 1500 });
    h.fake.failNext({ kind: 'status', status: 429 });
    await h.provider.checkKey();
    const [refused, retried] = h.fake.requests;
    assert.deepEqual(h.waits.map((w) => [w.reason, w.delayMs]), [['rateLimited', 500]]);
    assert.ok(retried!.at - refused!.at >= 500);
    // At Hindsight's real minute that is 20 s per attempt, three attempts covering the whole minute.
  });

  it('429 every time: a rateLimited error saying when to try again', async () => {
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { times: 3 });
    const error = await rejectsWith(h, h.provider.checkKey(), 'rateLimited');
    assert.ok((error.retryAfterMs ?? 0) >= 1000);
    assert.match(error.message, /try again in/);
  });

  it('500: a server error at once (not retried)', async () => {
    h.fake.failNext({ kind: 'status', status: 500 });
    const error = await rejectsWith(h, h.provider.listDeals(STAGE), 'server');
    assert.equal(error.status, 500);
    assert.equal(error.detail, 'Internal server error');
    assert.equal(h.fake.requests.length, 1);
  });

  it('503 on a read: retried and recovers; 502 every time: a server error', async () => {
    h.fake.failNext({ kind: 'status', status: 503 });
    await h.provider.listDeals(STAGE);
    assert.deepEqual(h.waits.map((w) => w.reason), ['retry']);
    h.fake.failNext({ kind: 'status', status: 502 }, { times: 3 });
    const error = await rejectsWith(h, h.provider.listDeals(STAGE), 'server');
    assert.equal(error.status, 502);
  });

  it('a timeout: retried, then a timeout error naming the wait', async () => {
    h.fake.failNext({ kind: 'delay', ms: 3000 }, { times: 3 });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'timeout');
    assert.match(error.message, /did not answer within/);
    assert.equal(clientRequests(h).length, 3);
  });

  it('a connection dropped mid-body: retried, then a network error naming the loss', async () => {
    h.fake.failNext({ kind: 'drop' }, { times: 3 });
    const error = await rejectsWith(h, h.provider.listDeals(STAGE), 'network');
    assert.match(error.message, /lost the connection/);
    assert.equal(clientRequests(h).length, 3);
    h.fake.failNext({ kind: 'drop' });
    assert.ok((await h.provider.listDeals(STAGE)).items.length > 0, 'recovers after one drop');
  });

  it('a wrong-shaped body: badResponse naming the path', async () => {
    h.fake.failNext({ kind: 'badShape' });
    const envelope = await rejectsWith(h, h.provider.listDeals(STAGE), 'badResponse');
    assert.equal(envelope.issuePath, '(root)');
    h.fake.failNext({ kind: 'badShape', body: [{ id: 'deal_1', name: 'x' }, { name: 'no id' }] });
    const deep = await rejectsWith(h, h.provider.listDeals(STAGE), 'badResponse');
    assert.equal(deep.issuePath, '[1].id');
    assert.match(deep.message, /unexpected response at \[1\]\.id/);
    h.fake.failNext({ kind: 'badShape', body: [{ id: 'deal_1', drivers: [{ reason_id: 'r', positive: 'yes' }] }] }, { query: { page_size: '1' } });
    const nested = await rejectsWith(h, h.provider.fetchDeal('deal_1'), 'badResponse');
    assert.equal(nested.issuePath, '[0].drivers[0].positive');
    h.fake.failNext({ kind: 'badShape', body: { total: 'many' } }, { query: { count: 'true' } });
    const count = await rejectsWith(h, h.provider.checkKey(), 'badResponse');
    assert.equal(count.issuePath, '(root)');
  });

  it('reads the count as a bare number or as {"count": n}', async () => {
    h.fake.failNext({ kind: 'badShape', body: { count: 7 } }, { query: { count: 'true' } });
    assert.deepEqual(await h.provider.checkKey(), {});
  });

  it('a key echoed in an error body is redacted from the message and the log', async () => {
    h.fake.failNext({ kind: 'status', status: 400, message: `bad token ${h.fake.apiKey}` });
    const error = await rejectsWith(h, h.provider.listDeals(STAGE), 'validation');
    assert.match(error.message, /bad token \*\*\*/);
  });
});
