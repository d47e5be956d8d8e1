import assert from 'node:assert/strict';
import { DealSchema, type Money, parseDecimal } from '../../../../src/model';
import { HUGE_MICROS } from '../../../fakes/twenty';
import {
  assertNoKey, assertRequestsWellFormed, endTest, fakeDeal, type Harness, rejectsWith, sent, snapshot, startHarness, stopHarness,
} from './helpers';

function lastPatch(h: Harness) {
  const patch = sent(h).filter((r) => r.method === 'PATCH').at(-1);
  assert.ok(patch, 'no PATCH sent');
  return patch;
}

describe('Twenty provider: deal writes', function () {
  let h: Harness | undefined;

  afterEach(async function () {
    await endTest(this, h, assertRequestsWellFormed, assertNoKey);
    h = undefined;
  });

  it('PATCHes only the keys that change and returns the deal as Twenty stored it (data.updateOpportunity)', async () => {
    h = await startHarness();
    const record = fakeDeal(h, (o) => o.stage === 'NEW');
    const before = record.updatedAt;
    const deal = await h.provider.updateDeal(record.id, { name: '  Renamed deal ', stageId: 'PROPOSAL' });
    DealSchema.parse(deal);
    const patch = lastPatch(h);
    assert.equal(patch.path, `/rest/opportunities/${record.id}`);
    assert.deepEqual(patch.body, { name: 'Renamed deal', stage: 'PROPOSAL' });
    assert.equal(deal.name, 'Renamed deal');
    assert.equal(deal.stageId, 'PROPOSAL');
    assert.equal(record.stage, 'PROPOSAL');
    assert.ok(deal.updatedAt! > before, 'a newer updatedAt to base the next edit on');
  });

  it('accepts the updated record under data.opportunity too', async () => {
    h = await startHarness();
    const record = fakeDeal(h);
    const stored = (await (await fetch(`${h.fake.url}/rest/opportunities/${record.id}`, { headers: { authorization: `Bearer ${h.fake.apiKey}` } })).json()) as {
      data: { opportunity: Record<string, unknown> };
    };
    h.fake.failNext({ kind: 'badShape', body: { data: { opportunity: { ...stored.data.opportunity, name: 'Echoed' } } } }, { method: 'PATCH' });
    const deal = await h.provider.updateDeal(record.id, { name: 'Echoed' });
    assert.equal(deal.name, 'Echoed');
    assert.equal(deal.id, record.id);
  });

  it('money round-trips exactly: cents and micros in, micros out, and a value beyond a double as a numeric string', async () => {
    h = await startHarness();
    const record = fakeDeal(h);
    const amounts: [Money, number | string][] = [
      [parseDecimal('1234.56', 2, 'USD')!, 1_234_560_000],
      [parseDecimal('0.000001', 6, 'EUR')!, 1],
      [parseDecimal('-42', 0, 'GBP')!, -42_000_000],
      [{ minor: HUGE_MICROS, scale: 6, currency: 'USD' }, HUGE_MICROS],
    ];
    for (const [amount, wire] of amounts) {
      const deal = await h.provider.updateDeal(record.id, { amount });
      assert.deepEqual(lastPatch(h).body, { amount: { amountMicros: wire, currencyCode: amount.currency } });
      const micros = BigInt(amount.minor) * 10n ** BigInt(6 - amount.scale);
      assert.deepEqual(deal.amount, { minor: micros.toString(), scale: 6, currency: amount.currency });
      assert.equal(record.amount.amountMicros, micros.toString());
      assert.deepEqual((await h.provider.fetchDeal(record.id)).amount, deal.amount);
    }
  });

  it('clears the amount with null micros (Twenty refuses amount: null) and keeps the currency', async () => {
    h = await startHarness();
    const record = fakeDeal(h, (o) => o.amount.amountMicros !== null);
    const deal = await h.provider.updateDeal(record.id, { amount: null });
    assert.deepEqual(lastPatch(h).body, { amount: { amountMicros: null } });
    assert.equal(deal.amount, undefined);
    assert.equal(record.amount.amountMicros, null);
    assert.notEqual(record.amount.currencyCode, '');
  });

  it('refuses more than 6 decimal places before sending anything', async () => {
    h = await startHarness();
    const record = fakeDeal(h);
    const error = await rejectsWith(h, h.provider.updateDeal(record.id, { amount: { minor: '1', scale: 7, currency: 'USD' } }), 'validation');
    assert.deepEqual(error.fieldErrors, [{ field: 'amount', message: 'can have at most 6 decimal places' }]);
    assert.equal(sent(h).filter((r) => r.method === 'PATCH').length, 0);
  });

  it('writes the expected close as midnight of that day in the time zone, reads the same day back; null clears', async () => {
    for (const zone of ['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Kiritimati']) {
      h = await startHarness({ providerOptions: { timeZone: zone } });
      const record = fakeDeal(h);
      const deal = await h.provider.updateDeal(record.id, { expectedClose: '2027-03-28' });
      assert.equal(deal.expectedClose, '2027-03-28', zone);
      const sentDate = (lastPatch(h).body as { closeDate: string }).closeDate;
      const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(sentDate));
      assert.match(local, /^2027-03-28, 00:00$/, `${zone}: ${sentDate} is ${local}`);
      const cleared = await h.provider.updateDeal(record.id, { expectedClose: null });
      assert.deepEqual(lastPatch(h).body, { closeDate: null });
      assert.equal(cleared.expectedClose, undefined);
      await stopHarness(h);
      h = undefined;
    }
  });

  it('sets and clears the owner (newest builds) by ownerId; an unknown member is refused before sending', async () => {
    h = await startHarness({ fake: { flavor: 'newest' } });
    const record = fakeDeal(h);
    const jane = h.fake.state.members.find((m) => (m['name'] as { firstName: string }).firstName === 'Jane')!;
    const deal = await h.provider.updateDeal(record.id, { ownerId: jane['id'] as string });
    assert.deepEqual(deal.owner, { id: jane['id'], name: 'Jane Austen' });
    assert.equal((await h.provider.updateDeal(record.id, { ownerId: null })).owner, undefined);
    assert.equal(record.ownerId, null);
    const error = await rejectsWith(h, h.provider.updateDeal(record.id, { ownerId: 'no-such-member' }), 'validation');
    assert.equal(error.fieldErrors?.[0]?.field, 'ownerId');
  });

  it('an owner on a server without one (mid-2025) is refused before sending, saying why', async () => {
    h = await startHarness();
    const error = await rejectsWith(h, h.provider.updateDeal(fakeDeal(h).id, { ownerId: 'x' }), 'validation');
    assert.deepEqual(error.fieldErrors, [{ field: 'ownerId', message: 'this Twenty server has no opportunity owner' }]);
  });

  it('refuses what Twenty opportunities do not have (outcome, probability, description, period), naming each field', async () => {
    h = await startHarness();
    const state = snapshot(h);
    const error = await rejectsWith(
      h,
      h.provider.updateDeal(fakeDeal(h).id, { outcome: 'won', probability: 50, description: 'x', amountPeriod: 'monthly' }),
      'validation',
    );
    assert.deepEqual(error.fieldErrors?.map((e) => e.field).sort(), ['amountPeriod', 'description', 'outcome', 'probability']);
    assert.match(error.fieldErrors!.find((e) => e.field === 'outcome')!.message, /stageOutcomes/);
    assert.equal(snapshot(h), state);
  });

  it('writes every editable custom field kind in the shape Twenty reads, in the same PATCH', async () => {
    h = await startHarness();
    const record = fakeDeal(h);
    const deal = await h.provider.updateDeal(record.id, {
      name: 'With fields',
      custom: {
        contractType: { kind: 'select', value: 'MULTI_YEAR' },
        dealScore: { kind: 'number', value: '4' },
        website: { kind: 'url', value: 'https://deal.example.com' },
        recurringRevenue: { kind: 'money', value: { minor: '99990', scale: 2, currency: 'EUR' } },
        renewalDate: { kind: 'date', value: '2027-06-30' },
        kickoffAt: { kind: 'datetime', value: '2027-01-04T09:00:00.000Z' },
        isStrategic: { kind: 'boolean', value: true },
        regions: { kind: 'multiselect', value: ['AMER', 'EMEA'] },
        buyerEmail: { kind: 'email', value: 'buyer@example.com' },
        buyerPhone: { kind: 'phone', value: '+1 555 0100' },
        nextSteps: { kind: 'textarea', value: 'Line one\nLine **two**' },
        fitRating: { kind: 'select', value: 'RATING_5' },
        legacyCode: { kind: 'text', value: 'LC-9' },
      },
    });
    const patches = sent(h).filter((r) => r.method === 'PATCH');
    assert.equal(patches.length, 1, 'standard and custom fields in one request');
    assert.deepEqual(patches[0]!.body, {
      name: 'With fields',
      contractType: 'MULTI_YEAR',
      dealScore: 4,
      website: { primaryLinkUrl: 'https://deal.example.com' },
      recurringRevenue: { amountMicros: 999_900_000, currencyCode: 'EUR' },
      renewalDate: '2027-06-30',
      kickoffAt: '2027-01-04T09:00:00.000Z',
      isStrategic: true,
      regions: ['AMER', 'EMEA'],
      buyerEmail: { primaryEmail: 'buyer@example.com' },
      buyerPhone: { primaryPhoneNumber: '+1 555 0100' },
      nextSteps: { markdown: 'Line one\nLine **two**' },
      fitRating: 'RATING_5',
      legacyCode: 'LC-9',
    });
    assert.deepEqual(deal.custom['recurringRevenue'], { kind: 'money', value: { minor: '999900000', scale: 6, currency: 'EUR' } });
    assert.deepEqual(deal.custom['nextSteps'], { kind: 'textarea', value: 'Line one\nLine **two**' });
    assert.deepEqual(deal.custom['regions'], { kind: 'multiselect', value: ['AMER', 'EMEA'] });
    assert.deepEqual(deal.custom['website'], { kind: 'url', value: 'https://deal.example.com' });
    assert.deepEqual(deal.custom['buyerPhone'], { kind: 'phone', value: '+1 555 0100' });
  });

  it('clears custom fields with Twenty\'s empty values', async () => {
    h = await startHarness();
    const record = fakeDeal(h);
    const deal = await h.provider.updateDeal(record.id, {
      custom: { contractType: null, website: null, recurringRevenue: null, buyerEmail: null, nextSteps: null, legacyCode: null, regions: null },
    });
    assert.deepEqual(lastPatch(h).body, {
      contractType: null,
      website: { primaryLinkUrl: '' },
      recurringRevenue: { amountMicros: null },
      buyerEmail: { primaryEmail: '' },
      nextSteps: { markdown: '' },
      legacyCode: '',
      regions: null,
    });
    for (const key of ['contractType', 'website', 'recurringRevenue', 'buyerEmail', 'nextSteps', 'legacyCode', 'regions']) {
      assert.equal(deal.custom[key], undefined, key);
    }
  });

  it('refuses read-only, unknown, mistyped and off-list custom values before sending anything', async () => {
    h = await startHarness();
    const state = snapshot(h);
    const error = await rejectsWith(
      h,
      h.provider.updateDeal(fakeDeal(h).id, {
        custom: {
          champion: { kind: 'unknown', value: { firstName: 'A' } },
          nope: { kind: 'text', value: 'x' },
          dealScore: { kind: 'text', value: '4' },
          contractType: { kind: 'select', value: 'WEEKLY' },
        },
      }),
      'validation',
    );
    assert.deepEqual(
      error.fieldErrors?.map((e) => [e.field, e.message]),
      [
        ['champion', 'A first and last name: edit it in Twenty.'],
        ['nope', 'is not a Twenty opportunity field'],
        ['dealScore', 'expects a number value, not text'],
        ['contractType', "is not one of the field's options: WEEKLY"],
      ],
    );
    assert.equal(snapshot(h), state);
  });

  it('a stage added in Twenty since the pipeline was read: metadata read again, then the move is sent', async () => {
    h = await startHarness();
    await h.provider.listPipelines();
    h.fake.state.stageOptions.push({ id: 'n', value: 'ON_HOLD', label: 'On hold', position: 5, color: 'gray' });
    const deal = await h.provider.updateDeal(fakeDeal(h).id, { stageId: 'ON_HOLD' });
    assert.equal(deal.stageId, 'ON_HOLD');
    assert.equal(sent(h).filter((r) => r.path === '/rest/metadata/objects').length, 2);
    const error = await rejectsWith(h, h.provider.updateDeal(fakeDeal(h).id, { stageId: 'WON' }), 'validation');
    assert.deepEqual(error.fieldErrors, [{ field: 'stageId', message: 'no stage "WON" in Twenty' }]);
  });

  describe('400s from Twenty, mapped to the field the words name (captured messages)', () => {
    it('an invalid stage (Postgres enum error) → stageId', async () => {
      h = await startHarness({ fake: { metadataForbidden: true } });
      const error = await rejectsWith(h, h.provider.updateDeal(fakeDeal(h).id, { stageId: 'WON' }), 'validation');
      assert.equal(error.status, 400);
      assert.deepEqual(error.fieldErrors, [{ field: 'stageId', message: '"WON" is not one of its options' }]);
      assert.match(error.message, /opportunity_stage_enum/);
    });

    it('a select value removed in Twenty meanwhile → that custom field', async () => {
      h = await startHarness();
      const record = fakeDeal(h);
      await h.provider.getDeal(record.id);
      const field = h.fake.state.customFields.find((f) => f.name === 'contractType')!;
      field['options'] = (field['options'] as { value: string }[]).filter((o) => o.value !== 'ANNUAL');
      const state = snapshot(h);
      const error = await rejectsWith(h, h.provider.updateDeal(record.id, { name: 'x', custom: { contractType: { kind: 'select', value: 'ANNUAL' } } }), 'validation');
      assert.deepEqual(error.fieldErrors, [{ field: 'contractType', message: '"ANNUAL" is not one of its options' }]);
      assert.equal(snapshot(h), state, 'nothing applied');
    });

    it('a not-null violation → name; a foreign key → the relation sent; a bad number → the one key sent', async () => {
      h = await startHarness({ fake: { flavor: 'newest' } });
      const record = fakeDeal(h);
      h.fake.failNext({ kind: 'status', status: 400, message: 'null value in column "name" of relation "opportunity" violates not-null constraint' }, { method: 'PATCH' });
      const name = await rejectsWith(h, h.provider.updateDeal(record.id, { name: 'x', stageId: 'NEW' }), 'validation');
      assert.deepEqual(name.fieldErrors, [{ field: 'name', message: 'must not be empty' }]);
      h.fake.state.members.splice(1, 1);
      await h.provider.listPipelines();
      h.fake.failNext({ kind: 'status', status: 400, message: 'insert or update on table "opportunity" violates foreign key constraint "FK_1"' }, { method: 'PATCH' });
      const fk = await rejectsWith(h, h.provider.updateDeal(record.id, { name: 'y', ownerId: h.fake.state.members[0]!['id'] as string }), 'validation');
      assert.deepEqual(fk.fieldErrors, [{ field: 'ownerId', message: 'points to a record that does not exist' }]);
      h.fake.failNext({ kind: 'status', status: 400, message: 'invalid input syntax for type numeric: "abc"' }, { method: 'PATCH' });
      const numeric = await rejectsWith(h, h.provider.updateDeal(record.id, { amount: { minor: '1', scale: 0, currency: 'USD' } }), 'validation');
      assert.deepEqual(numeric.fieldErrors, [{ field: 'amount', message: 'invalid input syntax for type numeric: "abc"' }]);
    });

    it('an unknown field, in both builds\' words → that key', async () => {
      for (const flavor of ['captured', 'newest'] as const) {
        h = await startHarness({ fake: { flavor } });
        const record = fakeDeal(h);
        await h.provider.getDeal(record.id);
        h.fake.state.customFields = h.fake.state.customFields.filter((f) => f.name !== 'legacyCode');
        const error = await rejectsWith(h, h.provider.updateDeal(record.id, { name: 'n', custom: { legacyCode: { kind: 'text', value: 'x' } } }), 'validation');
        assert.equal(error.fieldErrors?.[0]?.field, 'legacyCode', flavor);
        await stopHarness(h);
        h = undefined;
      }
    });
  });
});
