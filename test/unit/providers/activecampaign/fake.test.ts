import assert from 'node:assert/strict';
import { type ActiveCampaignFake, LOCKED_DEAL_TITLE, startActiveCampaignFake } from '../../../fakes/activecampaign';

/** The fake's own fidelity to AC's documented and observed behaviour, independent of the client. */
describe('ActiveCampaign fake', function () {
  let fake: ActiveCampaignFake;

  before(async () => {
    fake = await startActiveCampaignFake({ ratePerSecond: 1000, deals: 300, seed: 7 });
  });
  after(async () => {
    await fake.close();
  });

  async function get(path: string, key = fake.apiKey): Promise<{ status: number; body: Record<string, any> }> {
    const res = await fetch(`${fake.url}/api/3${path}`, { headers: { 'api-token': key } });
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  }

  it('checks Api-Token', async () => {
    assert.equal((await get('/users/me', 'nope')).status, 401);
    assert.equal((await get('/users/me')).status, 200);
  });

  it('caps limit at 100, pages with offset, and sends meta.total as a string', async () => {
    const { body } = await get('/deals?limit=500');
    assert.equal(body['deals'].length, 100);
    assert.equal(body['meta'].total, '300');
    const next = await get('/deals?limit=100&offset=250');
    assert.equal(next.body['deals'].length, 50);
    assert.equal((await get('/deals')).body['deals'].length, 20, 'default limit 20');
  });

  it('keeps numbers as strings on GET: value in cents, lower-case currency, status "0"/"1"/"2"', async () => {
    const { body } = await get('/deals?filters[stage]=1&limit=100');
    for (const deal of body['deals'].filter((d: any) => !d.isDisabled)) {
      assert.match(deal.value, /^\d+$/);
      assert.match(deal.currency, /^[a-z]{3}$/);
      assert.match(deal.status, /^[012]$/);
      assert.equal(typeof deal.percent, 'string');
      assert.equal(deal.isDisabled, false);
    }
  });

  it('sums meta.currencies per upper-case currency, and sends [] when nothing matches', async () => {
    const { body } = await get('/deals?filters[stage]=3&limit=100');
    const deals = fake.state.deals.filter((d) => d.stage === '3' && !d.isDisabled);
    for (const [code, entry] of Object.entries<any>(body['meta'].currencies)) {
      const mine = deals.filter((d) => d.currency.toUpperCase() === code);
      assert.equal(entry.total, String(mine.length));
      assert.equal(entry.value, mine.reduce((n, d) => n + BigInt(d.value), 0n).toString());
    }
    const none = await get('/deals?filters[title]=no-such-deal');
    assert.deepEqual(none.body['meta'], { currencies: [], total: '0' });
  });

  it('side-loads dealStages with dealGroups, and filters stages by d_groupid', async () => {
    const { body } = await get('/dealGroups');
    assert.equal(body['meta'].total, '2');
    assert.deepEqual(body['dealStages'].map((s: any) => s.id), ['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const stages = await get('/dealStages?filters[d_groupid]=2');
    assert.deepEqual(stages.body['dealStages'].map((s: any) => s.title), ['Intro', 'Evaluation', 'Contract', 'Live']);
  });

  it('shows the locked deal as {id, title, isDisabled: true} only, in lists and alone', async () => {
    const locked = fake.state.deals.find((d) => d.isDisabled)!;
    assert.equal(locked.title, LOCKED_DEAL_TITLE);
    assert.deepEqual((await get(`/deals/${locked.id}`)).body, { deal: { id: locked.id, isDisabled: true, title: LOCKED_DEAL_TITLE } });
  });

  it('answers a missing deal with the observed {message} 404, and a missing task with the documented errors[] 404', async () => {
    assert.deepEqual(await get('/deals/424242'), { status: 404, body: { message: 'No Result found for Deal with id 424242' } });
    assert.deepEqual(await get('/dealTasks/424242'), { status: 404, body: { errors: [{ status: 404, title: 'Not Found' }] } });
  });

  it('sends dealCustomFieldMeta without meta, dealCustomFieldData with a numeric total, task status int in lists and string alone', async () => {
    const meta = await get('/dealCustomFieldMeta');
    assert.equal(meta.body['meta'], undefined);
    const datum = fake.state.dealCustomFieldData[0]!;
    const data = await get(`/dealCustomFieldData?filters[dealId]=${datum.dealId}`);
    assert.equal(typeof data.body['meta'].total, 'number');
    const task = fake.state.dealTasks[0]!;
    const list = await get(`/dealTasks?filters[relid]=${task.relid}&filters[reltype]=Deal`);
    assert.equal(typeof list.body['dealTasks'][0].status, 'number');
    const single = await get(`/dealTasks/${task.id}`);
    assert.equal(single.status, 201);
    assert.equal(typeof single.body['dealTask'].status, 'string');
  });

  it('truncates a float value to whole cents and echoes the request types in the PUT answer', async () => {
    const deal = fake.state.deals.find((d) => !d.isDisabled)!;
    const res = await fetch(`${fake.url}/api/3/deals/${deal.id}`, {
      method: 'PUT',
      headers: { 'api-token': fake.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ deal: { value: 156.24, status: 1 } }),
    });
    const body = (await res.json()) as { deal: Record<string, unknown>; dealStages: unknown[]; contacts: unknown[] };
    assert.equal(body.deal['value'], 156.24);
    assert.equal(body.deal['status'], 1);
    assert.equal(deal.value, '156');
    assert.equal(deal.status, '1');
    assert.equal(body.dealStages.length, 1);
    assert.equal(body.contacts.length, 1);
  });
});
