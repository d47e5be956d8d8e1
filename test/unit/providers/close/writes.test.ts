import assert from 'node:assert/strict';
import { DealSchema, type FieldValue } from '../../../../src/model';
import { assertCleanRun, expectCrmError, type Harness, openClose, stageOf, storedOpportunity } from './helpers';

describe('Close provider: deal writes against the fake', () => {
  let h: Harness;
  before(async () => {
    h = await openClose();
    await h.provider.listPipelines();
  });
  after(async () => {
    await h.close();
  });

  const openDeal = (h: Harness) => h.fake.state.opportunities.find((o) => o['status_type'] === 'active' && o['value'] !== null && o['value_currency'] === 'USD')!;
  const fieldKey = (name: string) => `custom.${h.fake.state.customFields.find((f) => f.name === name)!.id}`;
  const lastBody = () => h.fake.requests.filter((r) => r.method === 'PUT').at(-1)!.body as Record<string, unknown>;

  it('round-trips money exactly in cents, sending only `value`', async () => {
    const id = String(openDeal(h)['id']);
    const deal = await h.provider.updateDeal(id, { amount: { minor: '123456789012', scale: 2, currency: 'USD' } });
    assert.deepEqual(lastBody(), { value: 123456789012 });
    assert.deepEqual(deal.amount, { minor: '123456789012', scale: 2, currency: 'USD' });
    assert.equal(storedOpportunity(h, id)['value'], 123456789012);
    assert.deepEqual((await h.provider.fetchDeal(id)).amount, { minor: '123456789012', scale: 2, currency: 'USD' });
  });

  it('clears the amount with null', async () => {
    const id = String(openDeal(h)['id']);
    const deal = await h.provider.updateDeal(id, { amount: null });
    assert.deepEqual(lastBody(), { value: null });
    assert.equal(deal.amount, undefined);
  });

  it('refuses amounts not in whole cents or in another currency, sending nothing', async () => {
    const id = String(openDeal(h)['id']);
    const before = structuredClone(storedOpportunity(h, id));
    const puts = h.fake.requests.filter((r) => r.method === 'PUT').length;
    const scale = await expectCrmError(h.provider.updateDeal(id, { amount: { minor: '1500', scale: 0, currency: 'USD' } }), 'validation');
    assert.equal(scale.fieldErrors?.[0]?.field, 'amount');
    const currency = await expectCrmError(h.provider.updateDeal(id, { amount: { minor: '1500', scale: 2, currency: 'EUR' } }), 'validation');
    assert.equal(currency.fieldErrors?.[0]?.field, 'amount');
    assert.match(currency.message, /USD/);
    assert.equal(h.fake.requests.filter((r) => r.method === 'PUT').length, puts);
    assert.deepEqual(storedOpportunity(h, id), before);
  });

  it('writes period, confidence, note, expected close and owner as a partial body and reads back what Close stored', async () => {
    const id = String(openDeal(h)['id']);
    const owner = h.fake.state.users[3]!;
    const before = storedOpportunity(h, id)['date_updated'];
    const deal = await h.provider.updateDeal(id, {
      amountPeriod: 'monthly', probability: 35, description: 'Signed the NDA.', expectedClose: '2026-09-30', ownerId: owner.id,
    });
    assert.deepEqual(lastBody(), { value_period: 'monthly', confidence: 35, note: 'Signed the NDA.', date_won: '2026-09-30', user_id: owner.id });
    assert.equal(deal.amountPeriod, 'monthly');
    assert.equal(deal.probability, 35);
    assert.equal(deal.description, 'Signed the NDA.');
    assert.equal(deal.expectedClose, '2026-09-30');
    assert.deepEqual(deal.owner, { id: owner.id, name: `${owner.first_name} ${owner.last_name}` });
    assert.notEqual(deal.updatedAt, before);
    DealSchema.parse(deal);
  });

  it('moves a deal to a won stage: Close sets date_won when it was empty', async () => {
    const sales = h.fake.state.pipelines.find((p) => p.name === 'Sales')!;
    const opp = h.fake.state.opportunities.find((o) => o['status_type'] === 'active' && o['pipeline_id'] === sales.id)!;
    const id = String(opp['id']);
    opp['date_won'] = null;
    const won = stageOf(h, 'Sales', 'Won');
    const deal = await h.provider.updateDeal(id, { stageId: won.stageId });
    assert.deepEqual(lastBody(), { status_id: won.stageId });
    assert.equal(deal.stageId, won.stageId);
    assert.equal(deal.outcome, 'won');
    // Close dates it by the X-TZ-Offset the client sends: the user's day.
    const offsetHours = -new Date().getTimezoneOffset() / 60;
    assert.equal(h.fake.requests.at(-1)!.headers['x-tz-offset'], String(offsetHours));
    assert.equal(deal.expectedClose, new Date(Date.now() + offsetHours * 3_600_000).toISOString().slice(0, 10));
  });

  it('moves a deal to another pipeline by its status', async () => {
    const id = String(openDeal(h)['id']);
    const target = stageOf(h, 'Renewals', 'Negotiating');
    const deal = await h.provider.updateDeal(id, { stageId: target.stageId });
    assert.equal(deal.pipelineId, target.pipelineId);
    assert.equal(deal.stageId, target.stageId);
  });

  it('writes a custom value of every writable kind, and null removes the key', async () => {
    const id = String(openDeal(h)['id']);
    const engineer = h.fake.state.users[1]!;
    const values: Record<string, FieldValue> = {
      [fieldKey('Contract Link')]: { kind: 'text', value: 'https://example.com/x.pdf' },
      [fieldKey('Deal Summary')]: { kind: 'textarea', value: 'Two\nlines' },
      [fieldKey('Seats')]: { kind: 'number', value: '42.75' },
      [fieldKey('Renewal Date')]: { kind: 'date', value: '2027-02-01' },
      [fieldKey('Kickoff Call')]: { kind: 'datetime', value: '2026-06-01T09:30:00+00:00' },
      [fieldKey('Deal Source')]: { kind: 'select', value: 'Partner' },
      [fieldKey('Products')]: { kind: 'multiselect', value: ['Widget B', 'Support Plan'] },
      [fieldKey('Sales Engineer')]: { kind: 'user', value: { id: engineer.id, name: 'whatever' } },
    };
    const deal = await h.provider.updateDeal(id, { custom: values });
    const sent = lastBody();
    assert.equal(sent[fieldKey('Seats')], 42.75);
    assert.equal(sent[fieldKey('Sales Engineer')], engineer.id);
    assert.deepEqual(sent[fieldKey('Products')], ['Widget B', 'Support Plan']);
    for (const [key, value] of Object.entries(values)) {
      if (value.kind === 'user') assert.deepEqual(deal.custom[key], { kind: 'user', value: { id: engineer.id, name: `${engineer.first_name} ${engineer.last_name}` } });
      else assert.deepEqual(deal.custom[key], value, key);
    }
    const cleared = await h.provider.updateDeal(id, { custom: { [fieldKey('Seats')]: null, [fieldKey('Products')]: null } });
    assert.deepEqual(lastBody(), { [fieldKey('Seats')]: null, [fieldKey('Products')]: null });
    assert.equal(cleared.custom[fieldKey('Seats')], undefined);
    assert.ok(!(fieldKey('Seats') in storedOpportunity(h, id)));
    assert.ok(!(fieldKey('Products') in storedOpportunity(h, id)));
  });

  it('refuses what Close cannot store before sending: name, outcome, read-only fields, wrong kinds, bad choices', async () => {
    const id = String(openDeal(h)['id']);
    const puts = h.fake.requests.filter((r) => r.method === 'PUT').length;
    const name = await expectCrmError(h.provider.updateDeal(id, { name: 'New name' }), 'validation');
    assert.equal(name.fieldErrors?.[0]?.field, 'name');
    const outcome = await expectCrmError(h.provider.updateDeal(id, { outcome: 'won' }), 'validation');
    assert.equal(outcome.fieldErrors?.[0]?.field, 'outcome');
    const roles = await expectCrmError(h.provider.updateDeal(id, { custom: { [fieldKey('Approved Discount')]: { kind: 'number', value: '5' } } }), 'validation');
    assert.equal(roles.fieldErrors?.[0]?.field, fieldKey('Approved Discount'));
    const kind = await expectCrmError(h.provider.updateDeal(id, { custom: { [fieldKey('Seats')]: { kind: 'text', value: 'many' } } }), 'validation');
    assert.equal(kind.fieldErrors?.[0]?.field, fieldKey('Seats'));
    const choice = await expectCrmError(h.provider.updateDeal(id, { custom: { [fieldKey('Deal Source')]: { kind: 'select', value: 'Carrier pigeon' } } }), 'validation');
    assert.equal(choice.fieldErrors?.[0]?.field, fieldKey('Deal Source'));
    const percent = await expectCrmError(h.provider.updateDeal(id, { probability: 33.3 }), 'validation');
    assert.equal(percent.fieldErrors?.[0]?.field, 'probability');
    const notCustom = await expectCrmError(h.provider.updateDeal(id, { custom: { 'custom.name': { kind: 'text', value: 'x' } } }), 'validation');
    assert.equal(notCustom.fieldErrors?.[0]?.field, 'custom.name');
    assert.equal(h.fake.requests.filter((r) => r.method === 'PUT').length, puts);
  });

  it("maps Close's 400 field-errors to the panel's keys, and changes nothing", async () => {
    const id = String(openDeal(h)['id']);
    const before = structuredClone(storedOpportunity(h, id));
    const missing = await expectCrmError(h.provider.updateDeal(id, { stageId: 'stat_doesNotExist' }), 'validation');
    assert.equal(missing.status, 400);
    assert.deepEqual(missing.fieldErrors, [{ field: 'stageId', message: 'Status does not exist.' }]);
    h.fake.failNext({ kind: 'fieldErrors', fieldErrors: { value: 'Enter a valid value.', [fieldKey('Seats')]: 'Too many seats.', date_won: 'Bad date.' } });
    const many = await expectCrmError(h.provider.updateDeal(id, { probability: 20 }), 'validation');
    assert.deepEqual(many.fieldErrors?.map((f) => f.field), ['amount', fieldKey('Seats'), 'expectedClose']);
    assert.deepEqual(storedOpportunity(h, id), before);
  });

  it('an empty patch reads the deal without writing', async () => {
    const id = String(openDeal(h)['id']);
    const puts = h.fake.requests.filter((r) => r.method === 'PUT').length;
    const deal = await h.provider.updateDeal(id, {});
    assert.equal(deal.id, id);
    assert.equal(h.fake.requests.filter((r) => r.method === 'PUT').length, puts);
  });

  it('sent only requests the vendor OpenAPI spec documents, and logged no key', () => {
    assertCleanRun(h);
  });
});
