import assert from 'node:assert/strict';
import { ActiveCampaignProvider, activeCampaignDescriptor } from '../../../../src/providers/activecampaign';
import {
  assertClientRequestsDocumented, assertNoKey, endTest, type Harness, openDeal, rejectsWith, snapshot, startHarness, stopHarness,
} from './helpers';

describe('ActiveCampaign provider: failures', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ requestTimeoutMs: 400 });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  it('401: a wrong key is an auth error, and neither key shows in the message or the log', async () => {
    await stopHarness(h);
    h = await startHarness({ apiKey: 'wrong-key-1234567890' });
    const error = await rejectsWith(h, h.provider.checkKey(), 'auth');
    assert.equal(error.status, 401);
    assert.ok(!error.message.includes('wrong-key-1234567890'));
    assert.ok(h.logs.length > 0 && h.logs.every((l) => !l.includes('wrong-key-1234567890')));
    assert.equal(h.fake.requests.length, 1, 'an auth failure is not retried');
  });

  it('no key stored: auth error without sending anything', async () => {
    const provider = new ActiveCampaignProvider(activeCampaignDescriptor, { ...h.context, apiKey: undefined });
    try {
      await rejectsWith(h, provider.listPipelines(), 'auth');
      assert.equal(h.fake.requests.length, 0);
    } finally {
      provider.dispose();
    }
  });

  it('no API URL: a clear error saying where to find it, nothing sent', async () => {
    const provider = new ActiveCampaignProvider(activeCampaignDescriptor, { ...h.context, account: { ...h.context.account, baseUrl: undefined } });
    const error = await rejectsWith(h, provider.listPipelines(), 'validation');
    assert.match(error.message, /Settings → Developer/);
    provider.dispose();
  });

  it('403: forbidden, from a fault and from writing a deal the key may not open; nothing changes', async () => {
    h.fake.failNext({ kind: 'status', status: 403 }, { path: '/dealGroups' });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'forbidden');
    assert.match(error.message, /permission/);
    const locked = h.fake.state.deals.find((d) => d.isDisabled)!;
    const state = snapshot(h);
    await rejectsWith(h, h.provider.updateDeal(locked.id, { name: 'Mine now' }), 'forbidden');
    assert.equal(snapshot(h), state);
  });

  it('404 in both shapes AC sends: {message} (observed) and errors[] (documented)', async () => {
    const missing = await rejectsWith(h, h.provider.fetchDeal('99999'), 'notFound');
    assert.match(missing.message, /No Result found for Deal with id 99999/);
    h.fake.failNext({ kind: 'status', status: 404, shape: 'errors' }, { path: '/deals/1' });
    const documented = await rejectsWith(h, h.provider.fetchDeal('1'), 'notFound');
    assert.equal(documented.detail, 'Not Found');
  });

  it('429: waits at least the Retry-After AC asked for, says so, then succeeds', async () => {
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { path: '/users/me' });
    const result = await h.provider.checkKey();
    assert.equal(result.user, 'Dana Whitfield');
    const [refused, retried] = h.fake.requests;
    assert.equal(refused?.status, 429);
    assert.equal(retried?.status, 200);
    assert.ok(retried!.at - refused!.at >= 1000, `retried after ${retried!.at - refused!.at} ms`);
    assert.deepEqual(h.waits.map((w) => [w.reason, w.delayMs]), [['rateLimited', 1000]]);
  });

  it('429 on a write: repeated after the wait (AC did nothing), applied once', async () => {
    const acDeal = openDeal(h);
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { method: 'PUT' });
    const deal = await h.provider.updateDeal(acDeal.id, { name: 'After the wait' });
    assert.equal(deal.name, 'After the wait');
    assert.deepEqual(h.fake.requests.filter((r) => r.method === 'PUT').map((r) => r.status), [429, 200]);
  });

  it('500 on a read: a server error at once (not retried)', async () => {
    h.fake.failNext({ kind: 'status', status: 500 }, { path: '/dealGroups' });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'server');
    assert.equal(error.status, 500);
    assert.equal(h.fake.requests.length, 1);
  });

  it('503 on a read: retried and recovers; 502/503 every time: a server error', async () => {
    h.fake.failNext({ kind: 'status', status: 503 }, { path: '/dealGroups' });
    assert.equal((await h.provider.listPipelines()).length, 2);
    assert.deepEqual(h.waits.map((w) => w.reason), ['retry']);
    h.fake.failNext({ kind: 'status', status: 502 }, { path: '/dealGroups', times: 3 });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'server');
    assert.equal(error.status, 502);
  });

  it('502 on a write: not repeated (it may have been applied), a server error, state unchanged', async () => {
    const acDeal = openDeal(h);
    const state = snapshot(h);
    h.fake.failNext({ kind: 'status', status: 502 }, { method: 'PUT' });
    await rejectsWith(h, h.provider.updateDeal(acDeal.id, { name: 'Lost?' }), 'server');
    assert.equal(h.fake.requests.filter((r) => r.method === 'PUT').length, 1);
    assert.equal(snapshot(h), state);
  });

  it('a timeout: reads retried then a timeout error; a write is not repeated and nothing changes', async () => {
    h.fake.failNext({ kind: 'delay', ms: 3000 }, { path: '/dealGroups', times: 3 });
    const read = await rejectsWith(h, h.provider.listPipelines(), 'timeout');
    assert.match(read.message, /did not answer within/);
    assert.equal(h.fake.requests.filter((r) => r.path === '/api/3/dealGroups').length, 3);
    const acDeal = openDeal(h);
    const state = snapshot(h);
    h.fake.failNext({ kind: 'delay', ms: 3000 }, { method: 'PUT' });
    await rejectsWith(h, h.provider.updateDeal(acDeal.id, { name: 'Slow' }), 'timeout');
    assert.equal(h.fake.requests.filter((r) => r.method === 'PUT').length, 1);
    assert.equal(snapshot(h), state);
  });

  it('a connection dropped mid-body: a network error naming the loss; a write is not repeated and nothing changes', async () => {
    h.fake.failNext({ kind: 'drop' }, { path: '/deals', times: 3 });
    const read = await rejectsWith(h, h.provider.listDeals({ pipelineId: '1', stageId: '1' }), 'network');
    assert.match(read.message, /lost the connection/);
    const acDeal = openDeal(h);
    const state = snapshot(h);
    h.fake.failNext({ kind: 'drop' }, { method: 'PUT' });
    await rejectsWith(h, h.provider.updateDeal(acDeal.id, { amount: { minor: '500', scale: 2, currency: 'USD' } }), 'network');
    assert.equal(h.fake.requests.filter((r) => r.method === 'PUT').length, 1);
    assert.equal(snapshot(h), state);
  });

  it('a wrong-shaped body: badResponse naming the path', async () => {
    h.fake.failNext({ kind: 'badShape' }, { path: '/deals' });
    const missing = await rejectsWith(h, h.provider.listDeals({ pipelineId: '1', stageId: '1' }), 'badResponse');
    assert.equal(missing.issuePath, 'deals');
    h.fake.failNext({ kind: 'badShape', body: { dealGroups: [{ id: '1', title: 7 }] } }, { path: '/dealGroups' });
    const deep = await rejectsWith(h, h.provider.listPipelines(), 'badResponse');
    assert.equal(deep.issuePath, 'dealGroups[0].title');
    assert.match(deep.message, /dealGroups\[0\]\.title/);
    h.fake.failNext({ kind: 'badShape', body: { meta: { total: 'many' }, dealTasks: [] } }, { path: '/dealTasks' });
    const total = await rejectsWith(h, h.provider.listTasks('1'), 'badResponse');
    assert.equal(total.issuePath, 'meta.total');
  });

  it('a key echoed in an error body is redacted from the message, field errors and log', async () => {
    const acDeal = openDeal(h);
    h.fake.failNext(
      { kind: 'status', status: 422, body: { errors: [{ title: `token ${h.fake.apiKey} is odd`, source: { pointer: '/data/attributes/title' } }] } },
      { method: 'PUT' },
    );
    const error = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { name: 'x' }), 'validation');
    assert.deepEqual(error.fieldErrors, [{ field: 'name', message: 'token *** is odd' }]);
  });
});
