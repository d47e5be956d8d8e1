import assert from 'node:assert/strict';
import type { CloseFault } from '../../../fakes/close';
import { API_KEY, assertCleanRun, assertNoSecret, expectCrmError, type Harness, openClose, stageOf, storedOpportunity } from './helpers';

/** Server time between the refused request and the next one to the same path. */
function gapAfter(h: Harness, status: number, path: string): number {
  const index = h.fake.requests.findIndex((r) => r.status === status && r.path.endsWith(path));
  const refused = h.fake.requests[index]!;
  const retry = h.fake.requests.slice(index + 1).find((r) => r.path === refused.path)!;
  return retry.at - refused.at;
}

describe('Close provider: failures are classified, keep the key secret and lose nothing', () => {
  let h: Harness;
  beforeEach(async () => {
    // Small backoff steps keep the retried cases quick; server-requested waits are honoured in full.
    h = await openClose({ timeoutMs: 400, retry: { baseDelayMs: 50, maxDelayMs: 200 } });
  });
  afterEach(async () => {
    try {
      assertCleanRun(h);
    } finally {
      await h.close();
    }
  });

  const someDeal = () => h.fake.state.opportunities.find((o) => o['status_type'] === 'active' && o['value_currency'] === 'USD')!;

  it('401: a rejected key is an auth error (the KeyNeeded path) that names neither key', async () => {
    const wrongKey = 'api_WRONGkey000SECRET';
    const wrong = h.another({ apiKey: wrongKey });
    const error = await expectCrmError(wrong.checkKey(), 'auth', wrongKey);
    assertNoSecret(error.message, API_KEY);
    assert.equal(error.status, 401);
    assert.match(error.message, /Close account "Bluth Co": API key rejected \(GET \/me\/, HTTP 401\)/);
    await expectCrmError(wrong.listPipelines(), 'auth', wrongKey);
    assert.equal(h.fake.requests.filter((r) => r.status === 401).length, 2, 'a 401 is not retried');
    for (const line of h.logs) assertNoSecret(line, wrongKey);
  });

  it('403 is forbidden, with Close\'s words', async () => {
    h.fake.failNext({ kind: 'status', status: 403 }, { path: '/pipeline/' });
    const error = await expectCrmError(h.provider.listPipelines(), 'forbidden');
    assert.match(error.message, /permission/);
  });

  it('404 of an unknown opportunity is notFound', async () => {
    const error = await expectCrmError(h.provider.fetchDeal('oppo_doesNotExist'), 'notFound');
    assert.equal(error.status, 404);
    assert.match(error.operation, /^GET \/opportunity\/oppo_doesNotExist\/$/);
  });

  it('400 with `errors` and `field-errors`: the message and the fields, nothing written', async () => {
    const opp = someDeal();
    const before = structuredClone(opp);
    const cf = `custom.${h.fake.state.customFields[0]!.id}`;
    h.fake.failNext({ kind: 'fieldErrors', errors: ['Opportunity could not be saved.'], fieldErrors: { status_id: 'Bad status.', [cf]: 'Bad link.', user_id: 'No such user.' } });
    const error = await expectCrmError(h.provider.updateDeal(String(opp['id']), { probability: 10 }), 'validation');
    assert.equal(error.detail, 'Opportunity could not be saved.');
    assert.deepEqual(error.fieldErrors, [
      { field: 'stageId', message: 'Bad status.' },
      { field: cf, message: 'Bad link.' },
      { field: 'ownerId', message: 'No such user.' },
    ]);
    assert.deepEqual(storedOpportunity(h, String(opp['id'])), before);
  });

  for (const [form, seconds] of [['RateLimit', 1], ['Retry-After', 1], ['RateLimit-Reset', 1], ['body', 1.25]] as const) {
    it(`429 with ${form === 'body' ? 'the body rate_reset' : `the ${form} header`}: waits at least as asked, then succeeds`, async () => {
      h.fake.failNext({ kind: 'rateLimit', form, seconds }, { path: '/pipeline/' });
      const pipelines = await h.provider.listPipelines();
      assert.equal(pipelines.length, 3);
      // Timers never fire early; 2 ms allow for Date.now() rounding between the two stamps.
      assert.ok(gapAfter(h, 429, '/pipeline/') >= seconds * 1000 - 2, `retried after ${gapAfter(h, 429, '/pipeline/')} ms`);
      assert.ok(h.waits.some((w) => w.reason === 'rateLimited' && w.delayMs >= seconds * 1000));
    });
  }

  it('a full quota (RateLimit remaining=0) holds requests back; a 429 from the enforced limit is waited out', async () => {
    const strict = await openClose({ fake: { ratePerSecond: 3 } });
    try {
      // One client alone never meets a 429: it pauses when Close says remaining=0.
      const pipelines = await strict.provider.listPipelines();
      const stages = pipelines[0]!.stages.slice(0, 2).map((s) => ({ pipelineId: pipelines[0]!.id, stageId: s.id }));
      await Promise.all(stages.map((s) => strict.provider.listDeals(s)));
      assert.equal(strict.fake.rateLimited, 0);
      // Two clients on the same key (two windows) share Close's quota and do meet it.
      const second = strict.another();
      const pages = await Promise.all(stages.flatMap((s) => [strict.provider.listDeals(s), second.listDeals(s)]));
      assert.equal(pages.length, stages.length * 2);
      assert.ok(strict.fake.rateLimited > 0, 'the fake refused some requests');
      const index = strict.fake.requests.findIndex((r) => r.status === 429);
      const refused = strict.fake.requests[index]!;
      const retry = strict.fake.requests.slice(index + 1).find((r) => r.path === refused.path && r.query['status_id'] === refused.query['status_id'] && r.status === 200)!;
      assert.ok(retry.at - refused.at >= 1, 'the refused request was repeated later');
      assertCleanRun(strict);
    } finally {
      await strict.close();
    }
  });

  it('500 on a read is a server error and is not repeated', async () => {
    h.fake.failNext({ kind: 'status', status: 500 }, { path: '/pipeline/' });
    await expectCrmError(h.provider.listPipelines(), 'server');
    assert.equal(h.fake.requests.filter((r) => r.path.endsWith('/pipeline/')).length, 1);
  });

  it('502 on a read is retried and succeeds', async () => {
    h.fake.failNext({ kind: 'status', status: 502 }, { path: '/pipeline/' });
    assert.equal((await h.provider.listPipelines()).length, 3);
    assert.equal(h.fake.requests.filter((r) => r.path.endsWith('/pipeline/')).length, 2);
  });

  it('503 on a write is a server error, not repeated, and changes nothing', async () => {
    const opp = someDeal();
    const before = structuredClone(opp);
    h.fake.failNext({ kind: 'status', status: 503 }, { method: 'PUT' });
    await expectCrmError(h.provider.updateDeal(String(opp['id']), { probability: 5 }), 'server');
    assert.equal(h.fake.requests.filter((r) => r.method === 'PUT').length, 1);
    assert.deepEqual(storedOpportunity(h, String(opp['id'])), before);
  });

  it('a write that takes longer than the timeout fails as timeout and is not applied', async () => {
    const opp = someDeal();
    const before = structuredClone(opp);
    h.fake.failNext({ kind: 'delay', ms: 1500 }, { method: 'PUT' });
    const error = await expectCrmError(h.provider.updateDeal(String(opp['id']), { probability: 7 }), 'timeout');
    assert.match(error.message, /did not answer within/);
    await new Promise((resolve) => setTimeout(resolve, 1300));
    assert.deepEqual(storedOpportunity(h, String(opp['id'])), before);
  });

  it('a slow read is retried after its timeout', async () => {
    h.fake.failNext({ kind: 'delay', ms: 1500 }, { path: '/pipeline/' });
    assert.equal((await h.provider.listPipelines()).length, 3);
  });

  it('a connection dropped mid-body: a read is retried, a write fails as network and changes nothing', async () => {
    h.fake.failNext({ kind: 'drop' }, { path: '/pipeline/' });
    assert.equal((await h.provider.listPipelines()).length, 3);
    const opp = someDeal();
    const before = structuredClone(opp);
    h.fake.failNext({ kind: 'drop' }, { method: 'PUT' });
    await expectCrmError(h.provider.updateDeal(String(opp['id']), { probability: 9 }), 'network');
    assert.deepEqual(storedOpportunity(h, String(opp['id'])), before);
  });

  const wrongShapes: [string, CloseFault, () => Promise<unknown>, RegExp][] = [
    ['GET /pipeline/', { kind: 'wrongShape' }, () => h.provider.listPipelines(), /unexpected response at data \(GET \/pipeline\/\)/],
    ['GET /opportunity/', { kind: 'wrongShape', body: { has_more: false, data: [{ id: 'oppo_1', status_id: 42 }] } },
      () => h.provider.listDeals(stageOf(h, 'Sales', 'Won')), /unexpected response at data\[0\]\.status_id/],
    ['GET /me/', { kind: 'wrongShape', body: [] }, () => h.provider.checkKey(), /GET \/me\//],
  ];
  for (const [name, fault, call, pattern] of wrongShapes) {
    it(`a wrong-shaped answer to ${name} is a badResponse naming the path`, async () => {
      h.fake.failNext(fault);
      const error = await expectCrmError(call(), 'badResponse');
      assert.match(error.message, pattern);
    });
  }

  it('a wrong-shaped answer to a write is a badResponse; the fake applied nothing', async () => {
    const opp = someDeal();
    const before = structuredClone(opp);
    h.fake.failNext({ kind: 'wrongShape' }, { method: 'PUT' });
    const error = await expectCrmError(h.provider.updateDeal(String(opp['id']), { probability: 11 }), 'badResponse');
    assert.match(error.message, /PUT \/opportunity\/oppo_/);
    assert.deepEqual(storedOpportunity(h, String(opp['id'])), before);
  });
});
