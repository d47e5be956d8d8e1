import assert from 'node:assert/strict';
import { DealSchema, money } from '../../../../src/model';
import { assertClientRequestsDocumented, endTest, type Harness, openDeal, rejectsWith, snapshot, startHarness } from './helpers';

describe('ActiveCampaign provider: deal writes', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented);
  });

  const puts = () => h.fake.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/api/3/deals/'));

  it('renames with PUT /deals/{id} {deal: {title}} and returns the stored deal, newer mdate, custom values kept', async () => {
    const acDeal = openDeal(h, (d) => h.fake.state.dealCustomFieldData.some((v) => String(v.dealId) === d.id));
    const before = acDeal.mdate;
    const deal = await h.provider.updateDeal(acDeal.id, { name: '  Bigger rollout  ' });
    DealSchema.parse(deal);
    assert.deepEqual(puts().map((r) => r.body), [{ deal: { title: 'Bigger rollout' } }]);
    assert.equal(acDeal.title, 'Bigger rollout');
    assert.equal(deal.name, 'Bigger rollout');
    assert.equal(deal.updatedAt, acDeal.mdate);
    assert.ok(Date.parse(acDeal.mdate) > Date.parse(before));
    assert.ok(Object.keys(deal.custom).length > 0, 'the returned deal carries its custom values');
  });

  it('round-trips money exactly: integer cents, lower-case currency on the wire, upper-case in the model', async () => {
    const acDeal = openDeal(h);
    for (const amount of [money('123456789', 2, 'EUR'), money('1', 2, 'USD'), money('0', 2, 'GBP'), money('2147483647', 2, 'USD')]) {
      const deal = await h.provider.updateDeal(acDeal.id, { amount });
      assert.deepEqual(deal.amount, amount);
      assert.equal(acDeal.value, amount.minor);
      assert.equal(acDeal.currency, amount.currency.toLowerCase());
      assert.deepEqual((await h.provider.fetchDeal(acDeal.id)).amount, amount);
    }
    const sent = puts().map((r) => (r.body as { deal: Record<string, unknown> }).deal);
    assert.deepEqual(sent[0], { value: 123456789, currency: 'eur' });
    assert.ok(sent.every((d) => Number.isInteger(d['value'])));
  });

  it('writes whole units as cents and refuses fractions of a cent, negatives and a value period without sending', async () => {
    const acDeal = openDeal(h);
    const deal = await h.provider.updateDeal(acDeal.id, { amount: money('12', 0, 'USD') });
    assert.deepEqual(deal.amount, money('1200', 2, 'USD'));
    const state = snapshot(h);
    const sent = h.fake.requests.length;
    const micro = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { amount: money('1234567', 6, 'USD') }), 'validation');
    assert.equal(micro.fieldErrors?.[0]?.field, 'amount');
    const negative = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { amount: money('-5', 2, 'USD') }), 'validation');
    assert.equal(negative.fieldErrors?.[0]?.field, 'amount');
    const period = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { amountPeriod: 'monthly' }), 'validation');
    assert.equal(period.fieldErrors?.[0]?.field, 'amountPeriod');
    const close = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { expectedClose: '2026-05-01' }), 'validation');
    assert.match(close.fieldErrors?.[0]?.message ?? '', /Forecasted Close Date/);
    assert.equal(snapshot(h), state);
    assert.ok(h.fake.requests.slice(sent).every((r) => r.method === 'GET'), 'nothing written');
  });

  it('moves a deal within its pipeline, sending stage with its group', async () => {
    const acDeal = openDeal(h, (d) => d.group === '1' && d.stage === '1');
    const deal = await h.provider.updateDeal(acDeal.id, { stageId: '5' });
    assert.equal(deal.stageId, '5');
    assert.equal(acDeal.stage, '5');
    assert.deepEqual(puts().at(-1)?.body, { deal: { stage: '5', group: '1' } });
  });

  it('refuses an unknown stage before sending', async () => {
    const acDeal = openDeal(h);
    const error = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { stageId: '999' }), 'validation');
    assert.equal(error.fieldErrors?.[0]?.field, 'stageId');
    assert.equal(puts().length, 0);
  });

  it('sets won/lost/open as the deal status (the stage stays)', async () => {
    const acDeal = openDeal(h, (d) => d.status === '0');
    const stage = acDeal.stage;
    assert.equal((await h.provider.updateDeal(acDeal.id, { outcome: 'won' })).outcome, 'won');
    assert.equal(acDeal.status, '1');
    assert.equal((await h.provider.updateDeal(acDeal.id, { outcome: 'lost' })).outcome, 'lost');
    assert.equal(acDeal.status, '2');
    assert.equal((await h.provider.updateDeal(acDeal.id, { outcome: 'open' })).outcome, 'open');
    assert.equal(acDeal.status, '0');
    assert.equal(acDeal.stage, stage);
    assert.deepEqual(puts().map((r) => r.body), [{ deal: { status: 1 } }, { deal: { status: 2 } }, { deal: { status: 0 } }]);
  });

  it('changes owner, probability and description; clears description and probability', async () => {
    const acDeal = openDeal(h, (d) => d.owner !== '3');
    let deal = await h.provider.updateDeal(acDeal.id, { ownerId: '3', probability: 70, description: 'Line one\nLine two' });
    assert.deepEqual(deal.owner, { id: '3', name: 'Priya Nair' });
    assert.equal(deal.probability, 70);
    assert.equal(deal.description, 'Line one\nLine two');
    assert.deepEqual([acDeal.owner, acDeal.percent, acDeal.description], ['3', '70', 'Line one\nLine two']);
    deal = await h.provider.updateDeal(acDeal.id, { description: null, probability: null });
    assert.equal(deal.description, undefined);
    assert.equal(deal.probability, 0);
    assert.deepEqual([acDeal.percent, acDeal.description], ['0', '']);
  });

  it('refuses clearing the owner, an unknown owner, a fractional percent and an empty title, each by its key', async () => {
    const acDeal = openDeal(h);
    const state = snapshot(h);
    const error = await rejectsWith(
      h,
      h.provider.updateDeal(acDeal.id, { ownerId: '42', probability: 33.5, name: ' ' }),
      'validation',
    );
    assert.deepEqual(error.fieldErrors?.map((e) => e.field).sort(), ['name', 'ownerId', 'probability']);
    const cleared = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { ownerId: null }), 'validation');
    assert.equal(cleared.fieldErrors?.[0]?.field, 'ownerId');
    assert.equal(snapshot(h), state);
    assert.equal(puts().length, 0);
  });

  it('maps a 422 from AC to the DealPatch key of the field its pointer names', async () => {
    const acDeal = openDeal(h);
    const cases: [string, string][] = [
      ['title', 'name'], ['value', 'amount'], ['stage', 'stageId'], ['owner', 'ownerId'], ['status', 'outcome'],
      ['percent', 'probability'], ['description', 'description'], ['currency', 'amount'],
    ];
    for (const [attribute, key] of cases) {
      const state = snapshot(h);
      h.fake.failNext({ kind: 'status', status: 422, field: attribute, message: `bad ${attribute}` }, { method: 'PUT' });
      const error = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { name: 'Renamed' }), 'validation');
      assert.deepEqual(error.fieldErrors, [{ field: key, message: `bad ${attribute}` }]);
      assert.equal(error.status, 422);
      assert.equal(snapshot(h), state, 'nothing changed');
    }
  });

  it('maps a real 422 of the fake (a stage moved to another pipeline since it was listed) to stageId', async () => {
    const acDeal = openDeal(h, (d) => d.group === '1' && d.stage !== '5');
    await h.provider.listPipelines();
    h.fake.state.dealStages.find((s) => s.id === '5')!.group = '2';
    const state = snapshot(h);
    const error = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { stageId: '5' }), 'validation');
    assert.deepEqual(puts().at(-1)?.body, { deal: { stage: '5', group: '1' } });
    assert.deepEqual(error.fieldErrors, [{ field: 'stageId', message: 'Target stage does not belong to same pipeline' }]);
    assert.equal(error.status, 422);
    assert.equal(snapshot(h), state);
  });

  it('detects a PUT that AC answered 200 without storing (a body it ignored)', async () => {
    const acDeal = openDeal(h);
    const unchanged = { deal: { ...acDeal, isDisabled: false } };
    h.fake.failNext({ kind: 'badShape', body: unchanged }, { method: 'PUT' });
    const error = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { name: 'Not stored' }), 'badResponse');
    assert.match(error.message, /did not store/);
    assert.notEqual(acDeal.title, 'Not stored');
  });

  it('the fake itself ignores a wrong wrapper key with 200, as AC does', async () => {
    const acDeal = openDeal(h);
    const before = snapshot(h);
    const res = await fetch(`${h.fake.url}/api/3/deals/${acDeal.id}`, {
      method: 'PUT',
      headers: { 'api-token': h.fake.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ deals: { title: 'Ignored' } }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { deal: { title: string } };
    assert.equal(body.deal.title, acDeal.title);
    assert.equal(snapshot(h), before);
  });
});
