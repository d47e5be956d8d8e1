import assert from 'node:assert/strict';
import type { Json } from '../../../fakes/close';
import { API_KEY, assertCleanRun, assertNoSecret, expectCrmError, type Harness, openClose } from './helpers';

describe('Close provider: deal search through the lead search (lead_query)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await openClose({ fake: { deals: 120 } });
  });
  afterEach(async () => {
    try {
      assertCleanRun(h);
    } finally {
      await h.close();
    }
  });

  /** Opportunities of leads whose name or a contact's name holds the word, as Close's lead search finds them. */
  function expectedFor(word: string): Json[] {
    const w = word.toLowerCase();
    const leads = h.fake.state.leads.filter((l) => l.display_name.toLowerCase().includes(w)
      || h.fake.state.contacts.some((c) => c.lead_id === l.id && c.name.toLowerCase().includes(w)));
    return h.fake.state.opportunities.filter((o) => leads.some((l) => l.id === o['lead_id']));
  }

  const searches = () => h.fake.requests.filter((r) => r.path === '/api/v1/opportunity/' && r.query['lead_query'] !== undefined);

  it('finds the opportunities of matching leads in one request, names matching the text first', async () => {
    // "Bluth" is a lead (Bluth Company) and the surname of contacts of other leads.
    const expected = expectedFor('bluth');
    assert.ok(expected.some((o) => !String(o['lead_name']).includes('Bluth')), 'some match only by a contact');
    const deals = await h.provider.searchDeals('bluth', 200);
    assert.deepEqual(new Set(deals.map((d) => d.id)), new Set(expected.map((o) => o['id'])));
    const firstOther = deals.findIndex((d) => !d.name.toLowerCase().includes('bluth'));
    assert.ok(firstOther > 0 && deals.slice(firstOther).every((d) => !d.name.toLowerCase().includes('bluth')), 'name matches come first');
    assert.equal(searches().length, 1);
    assert.equal(searches()[0]!.query['_limit'], '200');
    assert.equal(searches()[0]!.query['lead_query'], 'bluth');
    const sample = deals[0]!;
    const stored = h.fake.state.opportunities.find((o) => o['id'] === sample.id)!;
    assert.equal(sample.stageId, stored['status_id']);
    assert.equal(sample.pipelineId, stored['pipeline_id']);
    assert.equal(sample.name, stored['lead_name']);
  });

  it('asks for at most the limit, within the page size Close serves', async () => {
    const deals = await h.provider.searchDeals('bluth', 3);
    assert.equal(deals.length, 3);
    assert.equal(searches()[0]!.query['_limit'], '3');
    await h.provider.searchDeals('bluth', 10_000);
    assert.equal(searches()[1]!.query['_limit'], '250');
  });

  it('sends typed text as words: Close query syntax characters are not passed on', async () => {
    await h.provider.searchDeals('Bluth: (Company) "x"', 10);
    assert.equal(searches()[0]!.query['lead_query'], 'Bluth Company x');
  });

  it('returns nothing for no match, and asks nothing for blank text', async () => {
    assert.deepEqual(await h.provider.searchDeals('zzqqxx', 20), []);
    assert.equal(searches().length, 1);
    assert.deepEqual(await h.provider.searchDeals('  ( : ) ', 20), []);
    assert.equal(searches().length, 1, 'blank after cleaning: no request');
  });

  it('a wrong-shaped answer is a badResponse naming the account and the path', async () => {
    h.fake.failNext({ kind: 'wrongShape', body: { has_more: false, data: [{ id: 'oppo_1', status_id: 7 }] } }, { path: '/opportunity/' });
    const error = await expectCrmError(h.provider.searchDeals('bluth', 10), 'badResponse');
    assert.match(error.message, /Close account "Bluth Co".*data\[0\]\.status_id/);
  });

  it('a rejected key is an auth error that names neither key', async () => {
    const wrongKey = 'api_WRONGsearchKEY000';
    const error = await expectCrmError(h.another({ apiKey: wrongKey }).searchDeals('bluth', 10), 'auth', wrongKey);
    assertNoSecret(error.message, API_KEY);
    assert.equal(error.status, 401);
  });

  it('a deal found by search is the same deal the stage lists', async () => {
    const [deal] = await h.provider.searchDeals('bluth', 1);
    const stage = { pipelineId: deal!.pipelineId!, stageId: deal!.stageId! };
    const listed = (await h.provider.listDeals(stage)).items.find((d) => d.id === deal!.id);
    assert.deepEqual(listed, deal);
  });
});
