import assert from 'node:assert/strict';
import { createTwentyProvider, resolveServerUrl } from '../../../../src/providers/twenty';
import { assertNoKey, endTest, fakeDeal, type Harness, PIPELINE, rejectsWith, sent, snapshot, startHarness, stopHarness } from './helpers';

describe('Twenty provider: failures', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ requestTimeoutMs: 400 });
  });
  afterEach(async function () {
    await endTest(this, h, assertNoKey);
  });

  async function withKey(apiKey: string): Promise<void> {
    await stopHarness(h);
    h = await startHarness({ apiKey });
  }

  it('401 for a wrong key ("Token invalid.") and a garbage key ("No payload"): auth, not retried, neither key shown', async () => {
    for (const key of ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.d3Jvbmctc2lnbmF0dXJlLTEyMzQ1Njc4', 'not-a-jwt-but-secret-0123456789']) {
      await withKey(key);
      const error = await rejectsWith(h, h.provider.checkKey(), 'auth');
      assert.equal(error.status, 401);
      assert.match(error.message, /Token invalid|No payload/);
      assert.ok(!error.message.includes(key));
      assert.ok(h.logs.length > 0 && h.logs.every((l) => !l.includes(key)));
      assert.equal(h.fake.requests.length, 1, 'an auth failure is not retried');
    }
  });

  it('a 401 while reading metadata is an auth error, not a reason to infer stages', async () => {
    await withKey('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.d3Jvbmc');
    await rejectsWith(h, h.provider.listPipelines(), 'auth');
    assert.equal(h.fake.requests.length, 1);
  });

  it('the other ways Twenty refuses a token are auth errors too: 400 "Unknown token error." and 403 "Missing authentication token"', async () => {
    h.fake.failNext({ kind: 'status', status: 400, body: { statusCode: 400, messages: ['Unknown token error.'], error: 'INVALID_INPUT' } });
    const invalid = await rejectsWith(h, h.provider.checkKey(), 'auth');
    assert.equal(invalid.status, 400);
    h.fake.failNext({ kind: 'status', status: 403, body: { statusCode: 403, messages: ['Missing authentication token'], error: 'FORBIDDEN_EXCEPTION' } });
    await rejectsWith(h, h.provider.listPipelines(), 'auth');
  });

  it('no key stored: an auth error without sending anything', async () => {
    const provider = createTwentyProvider({ ...h.context, apiKey: undefined });
    try {
      await rejectsWith(h, provider.listPipelines(), 'auth');
      assert.equal(h.fake.requests.length, 0);
    } finally {
      provider.dispose();
    }
  });

  it('a server address that is not one, or plain http to another machine: a clear error, nothing sent', async () => {
    for (const baseUrl of ['not a url', 'http://crm.example.com']) {
      const provider = createTwentyProvider({ ...h.context, account: { ...h.context.account, baseUrl } });
      const error = await rejectsWith(h, provider.listPipelines(), 'validation');
      assert.match(error.message, /Twenty server address|is not a URL/);
      provider.dispose();
    }
    assert.equal(h.fake.requests.length, 0);
    assert.deepEqual(resolveServerUrl(undefined), { ok: true, serverUrl: 'https://api.twenty.com' });
    assert.deepEqual(resolveServerUrl('https://crm.example.com/rest/'), { ok: true, serverUrl: 'https://crm.example.com' });
    assert.deepEqual(resolveServerUrl('https://example.com/twenty/'), { ok: true, serverUrl: 'https://example.com/twenty' });
  });

  it('403 on records (the role may not read opportunities): forbidden; 402 (quota): forbidden, saying the plan limit', async () => {
    await h.provider.listPipelines();
    h.fake.failNext({ kind: 'status', status: 403 }, { path: '/rest/opportunities' });
    const error = await rejectsWith(h, h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'NEW' }), 'forbidden');
    assert.match(error.message, /User does not have permission/);
    h.fake.failNext({ kind: 'status', status: 402 }, { path: '/rest/opportunities' });
    const quota = await rejectsWith(h, h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'NEW' }), 'forbidden');
    assert.match(quota.message, /plan or usage limit/);
  });

  it('a missing deal: notFound whether Twenty says 400 "Record not found" (mid-2025), 404 (newest) or EntityNotFoundError on PATCH', async () => {
    const missing = '11111111-2222-4333-8444-555555555555';
    const read = await rejectsWith(h, h.provider.fetchDeal(missing), 'notFound');
    assert.equal(read.status, 400);
    assert.match(read.message, /Record not found/);
    const write = await rejectsWith(h, h.provider.updateDeal(missing, { name: 'x' }), 'notFound');
    assert.match(write.message, /Could not find any entity/);
    await stopHarness(h);
    h = await startHarness({ fake: { flavor: 'newest' } });
    const newest = await rejectsWith(h, h.provider.getDeal(missing), 'notFound');
    assert.equal(newest.status, 404);
  });

  it('429: waits at least the Retry-After Twenty asked for, says so, then succeeds', async () => {
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { path: '/rest/opportunities' });
    await h.provider.checkKey();
    const [refused, retried] = h.fake.requests;
    assert.equal(refused?.status, 429);
    assert.equal(retried?.status, 200);
    assert.ok(retried!.at - refused!.at >= 1000, `retried after ${retried!.at - refused!.at} ms`);
    assert.deepEqual(h.waits.map((w) => [w.reason, w.delayMs]), [['rateLimited', 1000]]);
  });

  it('429: the body\'s retryAfterSeconds counts when it asks longer than the header', async () => {
    h.fake.failNext(
      { kind: 'status', status: 429, retryAfterSeconds: 1, headers: { 'retry-after': '0' } },
      { path: '/rest/opportunities' },
    );
    await h.provider.checkKey();
    const [refused, retried] = h.fake.requests;
    assert.ok(retried!.at - refused!.at >= 1000);
  });

  it('429 on a write: repeated after the wait (Twenty did nothing), applied once', async () => {
    const record = fakeDeal(h);
    h.fake.failNext({ kind: 'status', status: 429, retryAfterSeconds: 1 }, { method: 'PATCH' });
    const deal = await h.provider.updateDeal(record.id, { name: 'After the wait' });
    assert.equal(deal.name, 'After the wait');
    assert.deepEqual(h.fake.requests.filter((r) => r.method === 'PATCH').map((r) => r.status), [429, 200]);
  });

  it('the real server\'s metadata throttle (400 "Too many requests.", no Retry-After) is rateLimited', async () => {
    h.fake.failNext({ kind: 'status', status: 400, body: { statusCode: 400, messages: ['Too many requests.'], error: 'Bad Request' } }, { path: '/rest/metadata/objects' });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'rateLimited');
    assert.equal(error.isTransient, true);
  });

  it('500 on a read: a server error at once (not retried)', async () => {
    h.fake.failNext({ kind: 'status', status: 500 }, { path: '/rest/metadata/objects' });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'server');
    assert.equal(error.status, 500);
    assert.match(error.message, /Internal server error/);
    assert.equal(h.fake.requests.length, 1);
  });

  it('503 on a read: retried and recovers; 502 every time: a server error', async () => {
    h.fake.failNext({ kind: 'status', status: 503 }, { path: '/rest/metadata/objects' });
    assert.equal((await h.provider.listPipelines()).length, 1);
    assert.deepEqual(h.waits.map((w) => w.reason), ['retry']);
    h.fake.failNext({ kind: 'status', status: 502 }, { path: '/rest/metadata/objects', times: 3 });
    const error = await rejectsWith(h, h.provider.listPipelines(), 'server');
    assert.equal(error.status, 502);
  });

  it('502 on a write: not repeated (it may have been applied), a server error, state unchanged', async () => {
    const record = fakeDeal(h);
    const state = snapshot(h);
    h.fake.failNext({ kind: 'status', status: 502 }, { method: 'PATCH' });
    await rejectsWith(h, h.provider.updateDeal(record.id, { name: 'Lost?' }), 'server');
    assert.equal(h.fake.requests.filter((r) => r.method === 'PATCH').length, 1);
    assert.equal(snapshot(h), state);
  });

  it('a timeout: reads retried then a timeout error; a write is not repeated and nothing changes', async () => {
    h.fake.failNext({ kind: 'delay', ms: 3000 }, { path: '/rest/metadata/objects', times: 3 });
    const read = await rejectsWith(h, h.provider.listPipelines(), 'timeout');
    assert.match(read.message, /did not answer within/);
    assert.equal(h.fake.requests.filter((r) => r.path === '/rest/metadata/objects').length, 3);
    const record = fakeDeal(h);
    const state = snapshot(h);
    h.fake.failNext({ kind: 'delay', ms: 3000 }, { method: 'PATCH' });
    await rejectsWith(h, h.provider.updateDeal(record.id, { name: 'Slow' }), 'timeout');
    assert.equal(h.fake.requests.filter((r) => r.method === 'PATCH').length, 1);
    assert.equal(snapshot(h), state);
  });

  it('a connection dropped mid-body: a network error naming the loss; a write is not repeated and nothing changes', async () => {
    await h.provider.listPipelines();
    h.fake.failNext({ kind: 'drop' }, { path: '/rest/opportunities', times: 3 });
    const read = await rejectsWith(h, h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'NEW' }), 'network');
    assert.match(read.message, /lost the connection/);
    const record = fakeDeal(h);
    const state = snapshot(h);
    h.fake.failNext({ kind: 'drop' }, { method: 'PATCH' });
    await rejectsWith(h, h.provider.updateDeal(record.id, { amount: { minor: '500', scale: 2, currency: 'USD' } }), 'network');
    assert.equal(h.fake.requests.filter((r) => r.method === 'PATCH').length, 1);
    assert.equal(snapshot(h), state);
  });

  it('a wrong-shaped body: badResponse naming the path, for lists, records, writes and metadata', async () => {
    await h.provider.listPipelines();
    h.fake.failNext({ kind: 'badShape' }, { path: '/rest/opportunities' });
    const missing = await rejectsWith(h, h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'NEW' }), 'badResponse');
    assert.equal(missing.issuePath, 'data');
    h.fake.failNext({ kind: 'badShape', body: { data: { opportunities: [{ id: 'x', amount: { amountMicros: '12.5', currencyCode: 'USD' } }] } } }, { path: '/rest/opportunities' });
    const micros = await rejectsWith(h, h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'NEW' }), 'badResponse');
    assert.equal(micros.issuePath, 'data.opportunities[0].amount.amountMicros');
    assert.match(micros.message, /data\.opportunities\[0\]\.amount\.amountMicros/);
    const record = fakeDeal(h);
    h.fake.failNext({ kind: 'badShape', body: { data: { updated: {} } } }, { method: 'PATCH' });
    const write = await rejectsWith(h, h.provider.updateDeal(record.id, { name: 'x' }), 'badResponse');
    assert.equal(write.issuePath, 'data.updateOpportunity');
    h.fake.failNext(
      { kind: 'badShape', body: { data: { objects: [{ id: 'o', nameSingular: 'opportunity', fields: [{ name: 'stage', type: 7 }] }] } } },
      { path: '/rest/metadata/objects' },
    );
    const meta = await rejectsWith(h, h.provider.listPipelines(), 'badResponse');
    assert.equal(meta.issuePath, 'data.objects[0].fields[0].type');
    h.fake.failNext({ kind: 'badShape', body: { data: [{ id: 'x', nameSingular: 'company' }], pageInfo: { hasNextPage: false } } }, { path: '/rest/metadata/objects' });
    const none = await rejectsWith(h, h.provider.listPipelines(), 'badResponse');
    assert.match(none.message, /no opportunity object/);
  });

  it('a key echoed in an error body is redacted from the message, field errors and log', async () => {
    const record = fakeDeal(h);
    h.fake.failNext({ kind: 'status', status: 400, message: `token ${h.fake.apiKey} is odd` }, { method: 'PATCH' });
    const error = await rejectsWith(h, h.provider.updateDeal(record.id, { name: 'x' }), 'validation');
    assert.deepEqual(error.fieldErrors, [{ field: 'name', message: 'token *** is odd' }]);
    assert.match(error.message, /token \*\*\* is odd/);
  });

  it('cancelling stops a load: cancelled, nothing retried', async () => {
    const controller = new AbortController();
    h.fake.failNext({ kind: 'delay', ms: 3000 }, { path: '/rest/metadata/objects' });
    const pending = h.provider.listPipelines(controller.signal);
    setTimeout(() => controller.abort(), 50);
    await rejectsWith(h, pending, 'cancelled');
    assert.equal(sent(h).length, 1);
  });
});
