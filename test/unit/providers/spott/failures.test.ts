import assert from 'node:assert/strict';
import { SpottProvider, spottDescriptor, spottErrorDetail } from '../../../../src/providers/spott';
import { FIXTURE_IDS } from '../../../fakes/spott';
import {
  assertClientRequestsDocumented, assertNoKey, endTest, type Harness, passRequests, PIPELINE, rejectsWith, sent, snapshot,
  startHarness, stopHarness,
} from './helpers';

const NORTHWIND = FIXTURE_IDS.northwind;

describe('Spott provider: failures', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ requestTimeoutMs: 400 });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  it('401: a wrong key is an auth error, not retried, and neither key shows in the message or the log', async () => {
    await stopHarness(h);
    h = await startHarness({ apiKey: 'spott-wrong-key-0123456789' });
    const error = await rejectsWith(h, h.provider.checkKey(), 'auth');
    assert.equal(error.status, 401);
    assert.match(error.message, /API key rejected/);
    assert.ok(!error.message.includes('spott-wrong-key-0123456789'));
    assert.ok(h.logs.length > 0 && h.logs.every((l) => !l.includes('spott-wrong-key-0123456789')));
    assert.equal(h.fake.requests.length, 1);
    await rejectsWith(h, h.provider.listPipelines(), 'auth');
  });

  it('no key stored: an auth error without sending anything', async () => {
    const provider = new SpottProvider(spottDescriptor, { ...h.context, apiKey: undefined });
    try {
      await rejectsWith(h, provider.listPipelines(), 'auth');
      assert.equal(h.fake.requests.length, 0);
    } finally {
      provider.dispose();
    }
  });

  it('an address that would send the key in the clear: a clear error, nothing sent', async () => {
    const provider = new SpottProvider(spottDescriptor, { ...h.context, account: { ...h.context.account, baseUrl: 'http://spott.example.com' } });
    const error = await rejectsWith(h, provider.checkKey(), 'validation');
    assert.match(error.message, /must use https/);
    provider.dispose();
  });

  it('403: forbidden, with Spott\'s message', async () => {
    h.fake.failNext({ kind: 'status', status: 403 }, { path: '/opportunities' });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'forbidden');
    assert.match(error.message, /may not access this resource/);
  });

  it('404: notFound with Spott\'s message and request id; a write to a missing deal changes nothing', async () => {
    const missing = await rejectsWith(h, h.provider.fetchDeal('opp_missing'), 'notFound');
    assert.match(missing.message, /Opportunity not found \(Spott request req_[0-9a-f]+\)/);
    const state = snapshot(h);
    await rejectsWith(h, h.provider.updateDeal('opp_missing', { name: 'x' }), 'notFound');
    assert.equal(snapshot(h), state);
  });

  it('429: waits at least the Retry-After Spott asked for, says so, then succeeds', async () => {
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { path: '/opportunities' });
    await h.provider.checkKey();
    const [refused, retried] = h.fake.requests;
    assert.equal(refused?.status, 429);
    assert.equal(retried?.status, 200);
    assert.ok(retried!.at - refused!.at >= 1000, `retried after ${retried!.at - refused!.at} ms`);
    assert.deepEqual(h.waits.map((w) => [w.reason, w.delayMs]), [['rateLimited', 1000]]);
  });

  it('429 without Retry-After (none is documented): still waits before trying again', async () => {
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: null }, { path: '/opportunities' });
    await h.provider.checkKey();
    const [refused, retried] = h.fake.requests;
    assert.ok(retried!.at - refused!.at >= 1000, `retried after ${retried!.at - refused!.at} ms`);
  });

  it('429 on a PATCH: repeated after the wait (Spott did nothing), applied once', async () => {
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { method: 'PATCH' });
    const deal = await h.provider.updateDeal(NORTHWIND, { name: 'After the wait' });
    assert.equal(deal.name, 'After the wait');
    assert.deepEqual(sent(h, 'PATCH', `/opportunities/${NORTHWIND}`).map((r) => r.status), [429, 200]);
  });

  it('500 on a read: a server error at once; 503 retried and recovers; 502 every time: a server error', async () => {
    h.fake.failNext({ kind: 'status', status: 500 }, { path: '/opportunities' });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'server');
    assert.match(error.message, /Internal server error/);
    assert.equal(h.fake.requests.length, 1);
    h.fake.failNext({ kind: 'status', status: 503 }, { path: `/opportunities/${NORTHWIND}` });
    assert.equal((await h.provider.fetchDeal(NORTHWIND)).id, NORTHWIND);
    assert.deepEqual(h.waits.map((w) => w.reason), ['retry']);
    h.fake.failNext({ kind: 'status', status: 502 }, { path: `/opportunities/${NORTHWIND}`, times: 3 });
    assert.equal((await rejectsWith(h, h.provider.fetchDeal(NORTHWIND), 'server')).status, 502);
  });

  it('a pass that fails half-way keeps nothing; the next call makes the whole pass again', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 160 } });
    // Page one as Spott sends it, then a 500 on page two.
    const pageOne = await (await fetch(`${h.fake.url}/opportunities?limit=50`, { headers: { 'x-api-key': h.fake.apiKey } })).json();
    h.fake.clearRequests();
    h.fake.failNext({ kind: 'badShape', body: pageOne }, { path: '/opportunities' });
    h.fake.failNext({ kind: 'status', status: 500 }, { path: '/opportunities' });
    await rejectsWith(h, h.provider.listPipelines(), 'server');
    assert.equal(sent(h, 'GET', '/opportunities').length, 2);
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_lead' });
    assert.equal(page.total, h.fake.state.opportunities.filter((o) => o.stageId === 'stg_lead').length);
    assert.equal(sent(h, 'GET', '/opportunities').length, 2 + passRequests(160));
  });

  it('a timeout: reads retried then a timeout error; a write is not repeated and nothing changes', async () => {
    h.fake.failNext({ kind: 'delay', ms: 3000 }, { path: `/opportunities/${NORTHWIND}`, times: 3 });
    const read = await rejectsWith(h, h.provider.fetchDeal(NORTHWIND), 'timeout');
    assert.match(read.message, /did not answer within/);
    assert.equal(sent(h, 'GET', `/opportunities/${NORTHWIND}`).length, 3);
    const state = snapshot(h);
    h.fake.failNext({ kind: 'delay', ms: 3000 }, { method: 'PATCH' });
    await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { name: 'Slow' }), 'timeout');
    assert.equal(sent(h, 'PATCH', `/opportunities/${NORTHWIND}`).length, 1);
    assert.equal(snapshot(h), state);
  });

  it('a connection dropped mid-body: a network error naming the loss; a write is not repeated and nothing changes', async () => {
    h.fake.failNext({ kind: 'drop' }, { path: '/opportunities', times: 3 });
    const read = await rejectsWith(h, h.provider.listPipelines(), 'network');
    assert.match(read.message, /lost the connection/);
    const state = snapshot(h);
    h.fake.failNext({ kind: 'drop' }, { method: 'POST' });
    await rejectsWith(h, h.provider.createTask(NORTHWIND, { title: 'Dropped' }), 'network');
    assert.equal(sent(h, 'POST', '/tasks/_raw').length, 1);
    assert.equal(snapshot(h), state);
  });

  it('a wrong-shaped body: badResponse naming the path as Spott sent it', async () => {
    h.fake.failNext({ kind: 'badShape' }, { path: '/opportunities' });
    assert.equal((await rejectsWith(h, h.provider.listPipelines(), 'badResponse')).issuePath, 'items');
    h.fake.failNext({ kind: 'badShape', body: { items: [] } }, { path: '/opportunities' });
    const envelope = await rejectsWith(h, h.provider.listPipelines(), 'badResponse');
    assert.equal(envelope.issuePath, 'pageInfo');
    const item = (order: unknown) => ({
      id: 'opp_x', name: { viewType: 'opportunityName', name: 'X' },
      stage: { viewType: 'opportunityStage', stage: { id: 's', name: 'S', order, isOpen: true } },
    });
    h.fake.failNext({ kind: 'badShape', body: { items: [item(1), item('3')], pageInfo: { nextCursor: null, hasNextPage: false } } }, { path: '/opportunities' });
    const deep = await rejectsWith(h, h.provider.listPipelines(), 'badResponse');
    assert.equal(deep.issuePath, 'items[1].stage.stage.order');
    assert.match(deep.message, /items\[1\]\.stage\.stage\.order/);
    h.fake.failNext({ kind: 'badShape', body: { id: NORTHWIND, name: { name: 7 }, stage: item(1).stage } }, { path: `/opportunities/${NORTHWIND}` });
    assert.equal((await rejectsWith(h, h.provider.fetchDeal(NORTHWIND), 'badResponse')).issuePath, 'name.name');
    h.fake.failNext({ kind: 'badShape', body: { items: [{ id: 't', content: 'x', links: { opportunities: 'opp' } }], pageInfo: { hasNextPage: false } } }, { path: '/tasks' });
    assert.equal((await rejectsWith(h, h.provider.listTasks(NORTHWIND), 'badResponse')).issuePath, 'items[0].links.opportunities');
  });

  it('a list that announces more pages without a cursor, or repeats one, fails instead of paging forever', async () => {
    h.fake.failNext({ kind: 'badShape', body: { items: [], pageInfo: { nextCursor: null, hasNextPage: true } } }, { path: '/opportunities' });
    const missing = await rejectsWith(h, h.provider.listPipelines(), 'badResponse');
    assert.equal(missing.issuePath, 'pageInfo.nextCursor');
    const loop = { items: [], pagination: { cursor: 'same', hasMore: true } };
    h.fake.failNext({ kind: 'badShape', body: loop }, { path: '/opportunities', times: 2 });
    const repeated = await rejectsWith(h, h.provider.listPipelines(), 'badResponse');
    assert.equal(repeated.issuePath, 'pagination.cursor');
    assert.match(repeated.message, /same cursor came back twice/);
  });

  it('a caller that gives up stops waiting at once; the shared pass still serves the others', async () => {
    await stopHarness(h);
    h = await startHarness({ ratePerSecond: 20, fake: { deals: 200 } });
    const controller = new AbortController();
    const impatient = h.provider.listPipelines(controller.signal);
    const patient = h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_lead' });
    controller.abort();
    await rejectsWith(h, impatient, 'cancelled');
    assert.ok((await patient).total! > 0);
    assert.equal(sent(h, 'GET', '/opportunities').length, passRequests(200));
  });

  it('a key echoed in an error body is redacted from the message, the field errors and the log', async () => {
    h.fake.failNext({ kind: 'status', status: 400, body: { status: 400, message: `name: key ${h.fake.apiKey} is odd`, requestId: 'req_1' } }, { method: 'PATCH' });
    const error = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { name: 'x' }), 'validation');
    assert.deepEqual(error.fieldErrors, [{ field: 'name', message: 'key *** is odd' }]);
  });

  it('reads error messages as a list, with or without a key prefix, and other bodies through the generic reader', () => {
    assert.deepEqual(spottErrorDetail(400, { status: 400, message: ['name must be longer than 0 characters', 'Something else'], requestId: 'r1' }), {
      detail: 'Something else (Spott request r1)',
      fieldErrors: [{ field: 'name', message: 'name must be longer than 0 characters' }],
    });
    assert.deepEqual(spottErrorDetail(400, { status: 400, message: 'dueDate: Invalid datetime; content: Required' }), {
      detail: undefined,
      fieldErrors: [{ field: 'due', message: 'Invalid datetime' }, { field: 'title', message: 'Required' }],
    });
    assert.deepEqual(spottErrorDetail(500, { error: 'boom' }), { detail: 'boom', fieldErrors: undefined });
    assert.equal(spottErrorDetail(502, '<html>Bad gateway</html>'), undefined);
  });
});
