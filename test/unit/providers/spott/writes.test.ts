import assert from 'node:assert/strict';
import { DealSchema, money } from '../../../../src/model';
import { ATTRIBUTES_READ_ONLY } from '../../../../src/providers/spott';
import { EMPTY_STAGE_ID, FIXTURE_IDS } from '../../../fakes/spott';
import {
  assertClientRequestsDocumented, assertNoKey, endTest, fakeDealsOf, type Harness, PIPELINE, rejectsWith, sent, snapshot,
  startHarness, stopHarness,
} from './helpers';

const NORTHWIND = FIXTURE_IDS.northwind;

describe('Spott provider: deal writes', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  const patches = () => sent(h, 'PATCH', /^\/opportunities\//);
  const stored = (id = NORTHWIND) => h.fake.state.opportunities.find((o) => o.id === id)!;

  it('renames with PATCH {name}, re-reads with GET and returns the re-read deal with its custom values', async () => {
    const deal = await h.provider.updateDeal(NORTHWIND, { name: '  Northwind - Finance & Tax 2026  ' });
    DealSchema.parse(deal);
    assert.deepEqual(patches().map((r) => r.body), [{ name: 'Northwind - Finance & Tax 2026' }]);
    assert.deepEqual(h.fake.requests.map((r) => `${r.method} ${r.path}`), [`PATCH /opportunities/${NORTHWIND}`, `GET /opportunities/${NORTHWIND}`]);
    assert.equal(stored().name, 'Northwind - Finance & Tax 2026');
    assert.equal(deal.name, 'Northwind - Finance & Tax 2026');
    assert.equal(deal.custom['attr_fee_pct']?.value, '22');
  });

  it('copes with every PATCH answer the docs leave open: a status object, the opportunity, or nothing', async () => {
    for (const [i, answer] of (['status', 'opportunity', 'empty'] as const).entries()) {
      h.fake.config.patchResponse = answer;
      const deal = await h.provider.updateDeal(NORTHWIND, { description: `Version ${i}` });
      assert.equal(deal.description, `Version ${i}`);
    }
    assert.deepEqual(patches().map((r) => r.status), [200, 200, 204]);
  });

  it('moves a deal between stages; the tree shows it in its new stage without another pass', async () => {
    await h.provider.listPipelines();
    const passes = sent(h, 'GET', '/opportunities').length;
    const deal = await h.provider.updateDeal(NORTHWIND, { stageId: 'stg_negotiation' });
    assert.equal(deal.stageId, 'stg_negotiation');
    assert.deepEqual(patches().at(-1)?.body, { stageId: 'stg_negotiation' });
    const from = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_proposal' });
    const to = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_negotiation' });
    assert.ok(!from.items.some((d) => d.id === NORTHWIND));
    assert.equal(to.items.at(-1)?.id, NORTHWIND);
    assert.equal(to.total, fakeDealsOf(h, 'stg_negotiation').length);
    assert.equal(sent(h, 'GET', '/opportunities').length, passes);
  });

  it('moves to a stage the pass could not see (no opportunity in it) when Spott accepts it; the stage is then known', async () => {
    await h.provider.listPipelines();
    const deal = await h.provider.updateDeal(NORTHWIND, { stageId: EMPTY_STAGE_ID });
    assert.equal(deal.stageId, EMPTY_STAGE_ID);
    const detail = await h.provider.getDeal(NORTHWIND);
    assert.deepEqual(detail.stages.map((s) => [s.id, s.name]).at(-1), [EMPTY_STAGE_ID, 'On hold']);
    assert.ok(detail.stages.some((s) => s.id === 'stg_proposal'), 'the stage it left stays known');
  });

  it('sets and clears owner, close date (a day, sent as midnight UTC) and description', async () => {
    let deal = await h.provider.updateDeal(NORTHWIND, { ownerId: 'usr_B22', expectedClose: '2026-08-01', description: 'Fee agreed at 22%.' });
    assert.deepEqual(deal.owner, { id: 'usr_B22', name: 'Maya Okafor' });
    assert.equal(deal.expectedClose, '2026-08-01');
    assert.equal(stored().closeDate, '2026-08-01T00:00:00.000Z');
    deal = await h.provider.updateDeal(NORTHWIND, { ownerId: null, expectedClose: null, description: null });
    assert.equal(deal.owner, undefined);
    assert.equal(deal.expectedClose, undefined);
    assert.equal(deal.description, undefined);
    assert.deepEqual(patches().map((r) => r.body), [
      { description: 'Fee agreed at 22%.', ownerId: 'usr_B22', closeDate: { target: '2026-08-01T00:00:00.000Z' } },
      { description: null, ownerId: null, closeDate: null },
    ]);
  });

  it('refuses what the PATCH does not document, and bad values, before sending anything', async () => {
    const state = snapshot(h);
    const refused = await rejectsWith(
      h,
      h.provider.updateDeal(NORTHWIND, {
        amount: money('150000', 2, 'EUR'), amountPeriod: 'monthly', outcome: 'won', probability: 50,
        custom: { attr_fee_pct: { kind: 'text', value: '25' } },
      }),
      'validation',
    );
    assert.deepEqual(refused.fieldErrors?.map((e) => e.field), ['amount', 'amountPeriod', 'outcome', 'probability', 'custom.attr_fee_pct']);
    assert.equal(refused.fieldErrors?.at(-1)?.message, ATTRIBUTES_READ_ONLY);
    assert.match(refused.fieldErrors?.find((e) => e.field === 'outcome')?.message ?? '', /closed stage/);
    const empty = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { name: '   ' }), 'validation');
    assert.equal(empty.fieldErrors?.[0]?.field, 'name');
    const date = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { expectedClose: '2026-02-30' }), 'validation');
    assert.equal(date.fieldErrors?.[0]?.field, 'expectedClose');
    await rejectsWith(h, h.provider.updateDeal(NORTHWIND, {}), 'validation');
    assert.equal(h.fake.requests.length, 0);
    assert.equal(snapshot(h), state);
  });

  it("maps Spott's 400 \"stageId: …\" and a 422 naming ownerId onto the panel's fields, with the request id", async () => {
    const state = snapshot(h);
    const error = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { stageId: 'stg_nope' }), 'validation');
    assert.equal(error.status, 400);
    assert.deepEqual(error.fieldErrors, [{ field: 'stageId', message: 'Invalid stage for this pipeline' }]);
    assert.match(error.detail ?? '', /Spott request req_/);
    h.fake.failNext({ kind: 'status', status: 422, field: 'ownerId', message: 'User is deactivated' }, { method: 'PATCH' });
    const owner = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { ownerId: 'usr_A11' }), 'validation');
    assert.deepEqual(owner.fieldErrors, [{ field: 'ownerId', message: 'User is deactivated' }]);
    h.fake.failNext({ kind: 'status', status: 400, field: 'closeDate.target', message: 'Invalid datetime' }, { method: 'PATCH' });
    const close = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { expectedClose: '2026-09-01' }), 'validation');
    assert.deepEqual(close.fieldErrors, [{ field: 'expectedClose', message: 'Invalid datetime' }]);
    assert.equal(snapshot(h), state);
  });

  it('reports a PATCH that answered OK but stored nothing, naming the keys, instead of claiming success', async () => {
    h.fake.failNext({ kind: 'badShape', body: { status: 200, message: 'Opportunity updated successfully' } }, { method: 'PATCH' });
    const error = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { name: 'Ignored', stageId: 'stg_won' }), 'badResponse');
    assert.match(error.message, /did not store the change/);
    assert.deepEqual(error.fieldErrors?.map((e) => e.field), ['name', 'stageId']);
  });

  it('says the change was sent when reading it back fails, so nothing is silently lost', async () => {
    h.fake.failNext({ kind: 'status', status: 500 }, { method: 'GET', path: `/opportunities/${NORTHWIND}` });
    const error = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { name: 'Sent, unconfirmed' }), 'server');
    assert.match(error.message, /change was sent, but reading the opportunity back failed/);
    assert.equal(stored().name, 'Sent, unconfirmed');
    assert.equal((await h.provider.fetchDeal(NORTHWIND)).name, 'Sent, unconfirmed');
  });

  it('keeps money exact: Spott has no amount, so none is invented or written; numeric text stays text to the digit', async () => {
    stored().customAttributes[0]!.value = { viewType: 'customText', text: '90071992547409.93' };
    const detail = await h.provider.getDeal(NORTHWIND);
    assert.equal(detail.deal.amount, undefined);
    assert.deepEqual(detail.deal.custom['attr_fee_pct'], { kind: 'text', value: '90071992547409.93' });
    assert.equal(detail.raw['custom.Fee %'], '90071992547409.93');
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_proposal' });
    assert.ok(page.items.every((d) => d.amount === undefined));
    assert.equal(page.totals, undefined);
    const count = h.fake.requests.length;
    const error = await rejectsWith(h, h.provider.updateDeal(NORTHWIND, { amount: money('1', 2, 'USD') }), 'validation');
    assert.match(error.fieldErrors?.[0]?.message ?? '', /no amount/);
    assert.equal(h.fake.requests.length, count);
  });

  it('an edit made while a pass runs shows in the stages that pass serves', async () => {
    await stopHarness(h);
    h = await startHarness({ ratePerSecond: 20, fake: { deals: 300 } });
    const pass = h.provider.listPipelines();
    while (!h.fake.requests.some((r) => r.status === 200)) await new Promise((r) => setTimeout(r, 5));
    const moved = await h.provider.updateDeal(NORTHWIND, { stageId: 'stg_lost', name: 'Lost to a competitor' });
    await pass;
    const lost = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_lost' });
    const copy = [...lost.items, ...(lost.next ? (await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_lost', cursor: lost.next })).items : [])]
      .find((d) => d.id === NORTHWIND);
    assert.equal(copy?.name, moved.name);
    const proposal = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_proposal' });
    assert.ok(!proposal.items.some((d) => d.id === NORTHWIND));
  });

  it('"Load more" on a stage shown before an edit still pages that stage as it was shown', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 400 } });
    await h.provider.listPipelines();
    const big = ['stg_lead', 'stg_qualified', 'stg_proposal', 'stg_negotiation', 'stg_won', 'stg_lost'].sort((a, b) => fakeDealsOf(h, b).length - fakeDealsOf(h, a).length)[0]!;
    const first = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: big });
    const moving = first.items[0]!.id;
    await h.provider.updateDeal(moving, { stageId: big === 'stg_lost' ? 'stg_won' : 'stg_lost' });
    const second = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: big, cursor: first.next });
    assert.deepEqual(second.items.map((d) => d.id), fakeDealsOf(h, big).slice(49, 99).map((o) => o.id));
    const fresh = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: big });
    assert.ok(!fresh.items.some((d) => d.id === moving));
  });
});
