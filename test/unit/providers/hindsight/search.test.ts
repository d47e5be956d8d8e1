import assert from 'node:assert/strict';
import {
  assertClientRequestsDocumented, assertNoKey, clientRequests, endTest, type Harness, PIPELINE, rejectsWith, startHarness,
  stopHarness,
} from './helpers';

describe('Hindsight provider: deal search (searchQuery)', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ fake: { deals: 300 } });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  const searches = () => clientRequests(h).filter((r) => r.query['searchQuery'] !== undefined);

  it('asks Hindsight\'s name search once and returns the matching deals as the stages show them', async () => {
    const expected = h.fake.state.deals.filter((d) => d.name.toLowerCase().includes('globex'));
    assert.ok(expected.length > 3);
    const deals = await h.provider.searchDeals('Globex', 100);
    assert.deepEqual(new Set(deals.map((d) => d.id)), new Set(expected.map((d) => d.id)));
    assert.equal(searches().length, 1);
    assert.equal(searches()[0]!.query['searchQuery'], 'Globex');
    assert.equal(searches()[0]!.query['page_size'], '100');
    const stored = expected.find((d) => d.id === deals[0]!.id)!;
    assert.deepEqual({ pipelineId: deals[0]!.pipelineId, stageId: deals[0]!.stageId, name: deals[0]!.name }, { pipelineId: PIPELINE, stageId: stored.status_id, name: stored.name });
  });

  it('names that start with the text come first', async () => {
    h.fake.state.deals[0]!.name = 'Umbrella spin-off - Quasar';
    h.fake.state.deals[1]!.name = 'Quasar Labs - Pilot';
    const names = (await h.provider.searchDeals('quasar', 10)).map((d) => d.name);
    assert.deepEqual(names, ['Quasar Labs - Pilot', 'Umbrella spin-off - Quasar']);
  });

  it('asks for at most the limit within Hindsight\'s page of 100; nothing for no match; no request for blank text', async () => {
    assert.equal((await h.provider.searchDeals('a', 6)).length, 6);
    assert.equal(searches()[0]!.query['page_size'], '6');
    await h.provider.searchDeals('a', 1000);
    assert.equal(searches()[1]!.query['page_size'], '100');
    assert.deepEqual(await h.provider.searchDeals('no deal has this name', 10), []);
    assert.deepEqual(await h.provider.searchDeals(' ', 10), []);
    assert.equal(searches().length, 3);
  });

  it('a wrong-shaped answer is a badResponse naming the account', async () => {
    h.fake.failNext({ kind: 'badShape', body: { deals: [] } });
    const error = await rejectsWith(h, h.provider.searchDeals('globex', 10), 'badResponse');
    assert.match(error.message, /Acme Hindsight/);
  });

  it('a rejected key is an auth error', async () => {
    await stopHarness(h);
    h = await startHarness({ apiKey: 'hs_wrong_search_key_000000' });
    await rejectsWith(h, h.provider.searchDeals('globex', 10), 'auth');
  });
});
