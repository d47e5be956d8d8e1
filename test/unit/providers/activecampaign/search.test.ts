import assert from 'node:assert/strict';
import type { AcDealRecord } from '../../../fakes/activecampaign/types';
import { assertClientRequestsDocumented, assertNoKey, endTest, type Harness, rejectsWith, startHarness, stopHarness } from './helpers';

describe('ActiveCampaign provider: deal search (filters[search])', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ fake: { deals: 300 } });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  /** What AC's `search_field=all` matches: the title, the contact's name, the organisation's name. */
  function expected(text: string): AcDealRecord[] {
    const t = text.toLowerCase();
    return h.fake.state.deals.filter((d) => {
      const contact = h.fake.state.contacts.find((c) => c.id === d.contact);
      const org = h.fake.state.accounts.find((a) => a.id === d.account);
      const places = [d.title, ...(d.isDisabled ? [] : [contact && `${contact.firstName} ${contact.lastName}`, org?.name])];
      return places.some((p) => p?.toLowerCase().includes(t));
    });
  }
  const searches = () => h.fake.requests.filter((r) => r.path === '/api/3/deals' && r.query['filters[search]'] !== undefined);

  it('asks AC to search titles, contacts and organisations in one request, and puts title matches first', async () => {
    const word = 'okafor'; // a contact surname, never in a title
    const org = 'northwind';
    const byContact = await h.provider.searchDeals(word, 100);
    assert.deepEqual(new Set(byContact.map((d) => d.id)), new Set(expected(word).slice(0, 100).map((d) => d.id)));
    assert.ok(byContact.length > 0);
    const byOrg = await h.provider.searchDeals(org, 100);
    assert.ok(byOrg.length > 0 && byOrg.every((d) => d.name.toLowerCase().startsWith(org)), 'title matches');
    const first = searches()[0]!;
    assert.equal(first.query['filters[search_field]'], 'all');
    assert.equal(first.query['limit'], '100');
    assert.equal(searches().length, 2);
  });

  it('ranks a title starting with the text before one containing it, keeping AC\'s order otherwise', async () => {
    const deals = h.fake.state.deals.filter((d) => !d.isDisabled);
    deals[5]!.title = 'Renewal for Zanzibar Tea';
    deals[6]!.title = 'Zanzibar Tea expansion';
    const found = (await h.provider.searchDeals('zanzibar', 10)).map((d) => d.name);
    assert.deepEqual(found, ['Zanzibar Tea expansion', 'Renewal for Zanzibar Tea']);
  });

  it('at most the limit (AC pages at 100); nothing for no match; no request for blank text', async () => {
    assert.equal((await h.provider.searchDeals('a', 7)).length, 7);
    assert.equal(searches()[0]!.query['limit'], '7');
    await h.provider.searchDeals('a', 5000);
    assert.equal(searches()[1]!.query['limit'], '100');
    assert.deepEqual(await h.provider.searchDeals('qqzzxx', 10), []);
    assert.deepEqual(await h.provider.searchDeals('   ', 10), []);
    assert.equal(searches().length, 3);
  });

  it('a found deal is the deal the stage lists (names, amount, stage)', async () => {
    const [deal] = await h.provider.searchDeals('northwind', 1);
    let listed;
    for (let cursor: string | undefined, more = true; more && !listed; more = cursor !== undefined) {
      const page = await h.provider.listDeals({ pipelineId: deal!.pipelineId!, stageId: deal!.stageId!, cursor });
      listed = page.items.find((d) => d.id === deal!.id);
      cursor = page.next;
    }
    assert.deepEqual(deal, listed);
    assert.ok(deal!.amount);
  });

  it('a wrong-shaped answer is a badResponse naming the path and the account', async () => {
    h.fake.failNext({ kind: 'badShape', body: { deals: [{ id: '1', title: 5 }] } }, { path: '/deals' });
    const error = await rejectsWith(h, h.provider.searchDeals('northwind', 10), 'badResponse');
    assert.match(error.message, /Acme AC/);
    assert.match(error.issuePath ?? '', /^deals\[0\]/);
  });

  it('a rejected key is an auth error', async () => {
    await stopHarness(h);
    h = await startHarness({ apiKey: 'wrong-key-search-0000' });
    const error = await rejectsWith(h, h.provider.searchDeals('northwind', 10), 'auth');
    assert.equal(error.status, 401);
  });
});
