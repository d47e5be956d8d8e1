import assert from 'node:assert/strict';
import { money } from '../../../../src/model';
import { assertClientRequestsDocumented, endTest, type Harness, openDeal, rejectsWith, snapshot, startHarness } from './helpers';

describe('ActiveCampaign provider: custom fields', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented);
  });

  /** The value record of a deal's field, as the fake stores it. */
  const stored = (dealId: string, fieldId: string) =>
    h.fake.state.dealCustomFieldData.find((d) => String(d.dealId) === dealId && String(d.customFieldId) === fieldId);

  const writes = () => h.fake.requests.filter((r) => r.path.startsWith('/api/3/dealCustomFieldData') && r.method !== 'GET');

  function dealWith(fieldId: string, has: boolean) {
    return openDeal(h, (d) => Number(d.id) <= 60 && Boolean(stored(d.id, fieldId)) === has);
  }

  it('updates an existing value with PUT on its record id and the dealCustomFieldDatum wrapper; the fake state changed', async () => {
    const acDeal = dealWith('9', true);
    const record = stored(acDeal.id, '9')!;
    const deal = await h.provider.updateDeal(acDeal.id, { custom: { '9': { kind: 'text', value: 'https://new.example' } } });
    assert.deepEqual(writes().map((r) => [r.method, r.path, r.body]), [
      ['PUT', `/api/3/dealCustomFieldData/${record.id}`, { dealCustomFieldDatum: { fieldValue: 'https://new.example' } }],
    ]);
    assert.equal(stored(acDeal.id, '9')?.fieldValue, 'https://new.example');
    assert.equal(stored(acDeal.id, '9')?.id, record.id, 'the same value record');
    assert.deepEqual(deal.custom['9'], { kind: 'text', value: 'https://new.example' });
    // Read back after writing.
    const reads = h.fake.requests.filter((r) => r.method === 'GET' && r.path === '/api/3/dealCustomFieldData');
    assert.ok(reads.length >= 2);
    assert.equal(reads.at(-1)?.query['filters[dealId]'], acDeal.id);
  });

  it('creates the value record with POST when the deal has none', async () => {
    const acDeal = dealWith('6', false);
    const deal = await h.provider.updateDeal(acDeal.id, { custom: { '6': { kind: 'number', value: '250.5' } } });
    assert.deepEqual(writes().map((r) => [r.method, r.path, r.body]), [
      ['POST', '/api/3/dealCustomFieldData', { dealCustomFieldDatum: { dealId: Number(acDeal.id), customFieldId: 6, fieldValue: '250.5' } }],
    ]);
    assert.equal(stored(acDeal.id, '6')?.fieldValue, '250.5');
    assert.deepEqual(deal.custom['6'], { kind: 'number', value: '250.5' });
  });

  it('clears a value by deleting its record (the documented way; "" is untested at AC)', async () => {
    const acDeal = dealWith('4', true);
    const record = stored(acDeal.id, '4')!;
    const deal = await h.provider.updateDeal(acDeal.id, { custom: { '4': null } });
    assert.deepEqual(writes().map((r) => [r.method, r.path]), [['DELETE', `/api/3/dealCustomFieldData/${record.id}`]]);
    assert.equal(stored(acDeal.id, '4'), undefined);
    assert.equal(deal.custom['4'], undefined);
  });

  it('writes every kind in AC form and reads each back as written', async () => {
    const acDeal = openDeal(h, (d) => Number(d.id) <= 60);
    const values = {
      '1': { kind: 'date', value: '2026-06-30' },
      '2': { kind: 'multiselect', value: ['Growth', 'Add-on: SSO'] },
      '3': { kind: 'money', value: money('880012', 2, 'CAD') },
      '4': { kind: 'select', value: 'Referral' },
      '5': { kind: 'textarea', value: 'Line 1\nLine 2' },
      '6': { kind: 'number', value: '12' },
      '7': { kind: 'datetime', value: '2026-04-01T15:30:00.000Z' },
      '8': { kind: 'select', value: 'APAC' },
      '10': { kind: 'multiselect', value: ['SOC 2'] },
      '11': { kind: 'text', value: 'REF-1' },
    } as const;
    const deal = await h.provider.updateDeal(acDeal.id, { custom: structuredClone(values) as never });
    for (const [key, value] of Object.entries(values)) assert.deepEqual(deal.custom[key], value, `field ${key}`);
    assert.equal(stored(acDeal.id, '2')?.fieldValue, '||Growth||Add-on: SSO||');
    assert.equal(stored(acDeal.id, '3')?.fieldValue, '880012');
    assert.equal(stored(acDeal.id, '3')?.fieldCurrency, 'cad');
    assert.equal(Date.parse(stored(acDeal.id, '7')!.fieldValue), Date.parse('2026-04-01T15:30:00Z'));
    const sent = writes().map((r) => (r.body as { dealCustomFieldDatum: Record<string, unknown> }).dealCustomFieldDatum);
    assert.ok(sent.some((b) => b['fieldValue'] === 880012 && b['fieldCurrency'] === 'cad'), 'currency as integer cents');
    assert.ok(sent.some((b) => JSON.stringify(b['fieldValue']) === JSON.stringify(['Growth', 'Add-on: SSO'])), 'multiselect as an array');
    assert.ok(sent.some((b) => b['fieldValue'] === '2026-04-01T15:30:00+00:00'), 'datetime with an offset');
    // And a fresh read agrees.
    const detail = await h.provider.getDeal(acDeal.id);
    for (const [key, value] of Object.entries(values)) assert.deepEqual(detail.deal.custom[key], value, `reloaded field ${key}`);
  });

  it('changes standard and custom fields in one patch', async () => {
    const acDeal = dealWith('6', true);
    const deal = await h.provider.updateDeal(acDeal.id, { name: 'Combined', custom: { '6': { kind: 'number', value: '77' } } });
    assert.equal(deal.name, 'Combined');
    assert.deepEqual(deal.custom['6'], { kind: 'number', value: '77' });
    assert.equal(acDeal.title, 'Combined');
    assert.equal(stored(acDeal.id, '6')?.fieldValue, '77');
  });

  it('refuses, before sending, a value not among the options, a wrong kind, an unknown field and sub-cent money', async () => {
    const acDeal = dealWith('4', true);
    const state = snapshot(h);
    const error = await rejectsWith(
      h,
      h.provider.updateDeal(acDeal.id, {
        custom: {
          '4': { kind: 'select', value: 'Carrier pigeon' },
          '6': { kind: 'text', value: 'twelve' },
          '99': { kind: 'text', value: 'x' },
          '3': { kind: 'money', value: money('1000001', 6, 'USD') },
        },
      }),
      'validation',
    );
    assert.deepEqual(error.fieldErrors?.map((e) => e.field).sort(), ['3', '4', '6', '99']);
    assert.equal(writes().length, 0);
    assert.equal(snapshot(h), state);
  });

  it("names AC's field-less 422 for a value by the field's key, and changes nothing", async () => {
    const acDeal = dealWith('1', true);
    const state = snapshot(h);
    h.fake.failNext(
      { kind: 'status', status: 422, body: { errors: [{ detail: 'The custom field value `2026-02-30` could not be saved to the custom field of type `date`.' }] } },
      { method: 'PUT', path: /^\/dealCustomFieldData\// },
    );
    const error = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { custom: { '1': { kind: 'date', value: '2026-02-28' } } }), 'validation');
    assert.equal(error.fieldErrors?.length, 1);
    assert.equal(error.fieldErrors?.[0]?.field, '1');
    assert.match(error.fieldErrors?.[0]?.message ?? '', /could not be saved/);
    assert.equal(snapshot(h), state);
  });

  it('catches a write AC ignored with 200 (read back shows the old value) instead of reporting success', async () => {
    const acDeal = dealWith('9', true);
    const record = stored(acDeal.id, '9')!;
    const old = record.fieldValue;
    // AC ignores a body whose wrapper it does not know, answering 200 with the record unchanged.
    h.fake.failNext({ kind: 'badShape', body: { dealCustomFieldDatum: { ...record } } }, { method: 'PUT' });
    const error = await rejectsWith(h, h.provider.updateDeal(acDeal.id, { custom: { '9': { kind: 'text', value: 'never stored' } } }), 'badResponse');
    assert.equal(error.fieldErrors?.[0]?.field, '9');
    assert.equal(stored(acDeal.id, '9')?.fieldValue, old);
  });

  it('the fake itself ignores a wrong wrapper on PUT /dealCustomFieldData/{id} with 200, as AC does', async () => {
    const acDeal = dealWith('9', true);
    const record = stored(acDeal.id, '9')!;
    const before = snapshot(h);
    const res = await fetch(`${h.fake.url}/api/3/dealCustomFieldData/${record.id}`, {
      method: 'PUT',
      headers: { 'api-token': h.fake.apiKey, 'content-type': 'application/json' },
      body: JSON.stringify({ dealCustomFieldData: { fieldValue: 'bogus' } }),
    });
    assert.equal(res.status, 200);
    assert.equal(snapshot(h), before);
  });
});
