import assert from 'node:assert/strict';
import { assertNoKey, assertRequestsWellFormed, endTest, type Harness, PIPELINE, rejectsWith, sent, startHarness, stopHarness } from './helpers';

describe('Twenty provider: deal search (name[ilike])', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ fake: { deals: 150 } });
  });
  afterEach(async function () {
    await endTest(this, h, assertNoKey, assertRequestsWellFormed);
  });

  const searches = () => sent(h).filter((r) => r.path === '/rest/opportunities' && String(r.query['filter'] ?? '').startsWith('name[ilike]'));

  it('finds every opportunity whose name holds the text in any case, in one request', async () => {
    const expected = h.fake.state.opportunities.filter((o) => o.name?.toLowerCase().includes('ipad'));
    assert.ok(expected.length > 3);
    const deals = await h.provider.searchDeals('IPAD', 200);
    assert.deepEqual(new Set(deals.map((d) => d.id)), new Set(expected.map((o) => o.id)));
    assert.equal(searches().length, 1);
    assert.equal(searches()[0]!.query['filter'], 'name[ilike]:"%IPAD%"');
    const sample = deals[0]!;
    const stored = h.fake.state.opportunities.find((o) => o.id === sample.id)!;
    assert.deepEqual({ pipelineId: sample.pipelineId, stageId: sample.stageId, name: sample.name }, { pipelineId: PIPELINE, stageId: stored.stage, name: stored.name });
  });

  it('puts names that start with the text before names that only contain it', async () => {
    const [a, b] = h.fake.state.opportunities;
    a!.name = 'Quartz renewal for Acme';
    b!.name = 'Acme Quartz rollout';
    h.fake.state.opportunities[2]!.name = 'Megaquartz pilot';
    const names = (await h.provider.searchDeals('quartz', 10)).map((d) => d.name);
    assert.deepEqual(names, ['Quartz renewal for Acme', 'Acme Quartz rollout', 'Megaquartz pilot']);
  });

  it('asks for at most the limit, never more than a page of 200; nothing for no match or blank text', async () => {
    assert.equal((await h.provider.searchDeals('i', 4)).length, 4);
    assert.equal(searches()[0]!.query['limit'], '4');
    await h.provider.searchDeals('i', 1000);
    assert.equal(searches()[1]!.query['limit'], '200');
    assert.deepEqual(await h.provider.searchDeals('no such deal', 10), []);
    assert.deepEqual(await h.provider.searchDeals('  ', 10), []);
    assert.equal(searches().length, 3);
  });

  it('text with commas, parentheses and quotes stays one quoted value', async () => {
    h.fake.state.opportunities[0]!.name = 'Smith, Jones (EMEA) renewal';
    const deals = await h.provider.searchDeals('Smith, Jones (EMEA)', 10);
    assert.deepEqual(deals.map((d) => d.name), ['Smith, Jones (EMEA) renewal']);
    await h.provider.searchDeals('say "hi"', 10);
    assert.equal(searches()[1]!.query['filter'], 'name[ilike]:"%say hi%"');
  });

  it('a wrong-shaped answer is a badResponse naming the account', async () => {
    h.fake.failNext({ kind: 'badShape', body: { data: { opportunities: [{ id: 7 }] } } }, { path: '/rest/opportunities' });
    const error = await rejectsWith(h, h.provider.searchDeals('ipad', 10), 'badResponse');
    assert.match(error.message, /Acme Twenty/);
    assert.match(error.issuePath ?? '', /opportunities\.0|opportunities\[0\]/);
  });

  it('a rejected key is an auth error', async () => {
    await stopHarness(h);
    h = await startHarness({ apiKey: 'not-a-jwt-but-secret-search-1' });
    const error = await rejectsWith(h, h.provider.searchDeals('ipad', 10), 'auth');
    assert.equal(error.status, 401);
  });
});
