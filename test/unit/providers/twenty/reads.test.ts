import assert from 'node:assert/strict';
import { type Deal, DealSchema, FieldDefSchema, PipelineSchema, TaskSchema } from '../../../../src/model';
import { INFERRED_NOTE, PAGE_SIZE, twentyDescriptor } from '../../../../src/providers/twenty';
import { HUGE_MICROS } from '../../../fakes/twenty';
import {
  assertNoKey, assertRequestsWellFormed, endTest, fakeDeal, type Harness, PIPELINE, rejectsWith, sent, startHarness, stopHarness,
} from './helpers';

async function allDeals(h: Harness, stageId: string): Promise<{ deals: Deal[]; pages: number; total?: number }> {
  const deals: Deal[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let total: number | undefined;
  do {
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId, cursor });
    if (pages === 0) total = page.total;
    pages++;
    deals.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return { deals, pages, total };
}

describe('Twenty provider: reads', function () {
  let h: Harness | undefined;

  afterEach(async function () {
    await endTest(this, h, assertRequestsWellFormed, assertNoKey);
    h = undefined;
  });

  it('describes itself: cloud default URL, Bearer key from Settings → APIs & Webhooks, 100/min, no won/lost, server search and open tasks', () => {
    assert.equal(twentyDescriptor.id, 'twenty');
    assert.deepEqual(twentyDescriptor.baseUrl, { kind: 'optional', defaultUrl: 'https://api.twenty.com', prompt: twentyDescriptor.baseUrl.kind === 'optional' ? twentyDescriptor.baseUrl.prompt : '' });
    assert.match(twentyDescriptor.keyHelp ?? '', /Settings → APIs & Webhooks/);
    assert.equal(twentyDescriptor.capabilities.setOutcome, false);
    assert.equal(twentyDescriptor.capabilities.search, true);
    assert.equal(twentyDescriptor.capabilities.openTasks, true);
    assert.equal(twentyDescriptor.capabilities.deleteTask, true);
    assert.ok(Math.abs((twentyDescriptor.rateLimit?.ratePerSecond ?? 0) * 60 - 100) < 1e-9);
  });

  it('checks the key with one cheap authenticated call', async () => {
    h = await startHarness();
    assert.deepEqual(await h.provider.checkKey(), {});
    assert.equal(sent(h).length, 1);
    const [request] = sent(h);
    assert.equal(request?.path, '/rest/opportunities');
    assert.equal(request?.query['limit'], '1');
    assert.equal(request?.query['depth'], '0');
  });

  for (const format of ['legacy', 'new'] as const) {
    it(`builds the one pipeline from the stage options in position order, with colours (${format} metadata)`, async () => {
      h = await startHarness({ fake: { metadataFormat: format } });
      h.fake.state.stageOptions.reverse();
      const pipelines = await h.provider.listPipelines();
      assert.equal(pipelines.length, 1);
      const [pipeline] = pipelines;
      PipelineSchema.parse(pipeline);
      assert.equal(pipeline!.id, 'stage');
      assert.equal(pipeline!.name, 'Opportunities');
      assert.equal(pipeline!.note, undefined);
      assert.deepEqual(
        pipeline!.stages.map((s) => [s.id, s.name, s.order, s.color]),
        [['NEW', 'New', 0, 'red'], ['SCREENING', 'Screening', 1, 'purple'], ['MEETING', 'Meeting', 2, 'sky'], ['PROPOSAL', 'Proposal', 3, 'turquoise'], ['CUSTOMER', 'Customer', 4, 'yellow']],
      );
      assert.ok(pipeline!.stages.every((s) => s.outcome === 'unknown'), 'Twenty says nothing of won/lost');
      assert.deepEqual(sent(h).map((r) => r.path), ['/rest/metadata/objects']);
    });
  }

  for (const mode of ['one', 'fieldsOnly'] as const) {
    it(`reads fields from ${mode === 'one' ? '/objects/{id}' : '/rest/metadata/fields'} when the object list does not embed them`, async () => {
      h = await startHarness({ fake: { flavor: 'newest', metadataFields: mode } });
      const [pipeline] = await h.provider.listPipelines();
      assert.equal(pipeline!.stages.length, 5);
      const detail = await h.provider.getDeal(fakeDeal(h).id);
      assert.ok(detail.fields.some((f) => f.key === 'contractType'));
      const paths = sent(h).map((r) => r.path).filter((p) => p.startsWith('/rest/metadata'));
      if (mode === 'one') assert.ok(paths.some((p) => p.startsWith('/rest/metadata/objects/')));
      else assert.ok(paths.includes('/rest/metadata/fields'));
    });
  }

  it('maps stages to won/lost from the account\'s stageOutcomes (others open), for stages and deals', async () => {
    h = await startHarness({ account: { stageOutcomes: { CUSTOMER: 'won', SCREENING: 'lost' } } });
    const [pipeline] = await h.provider.listPipelines();
    assert.deepEqual(pipeline!.stages.map((s) => s.outcome), ['open', 'lost', 'open', 'open', 'won']);
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'CUSTOMER' });
    assert.ok(page.items.length > 0 && page.items.every((d) => d.outcome === 'won'));
  });

  it('403 on metadata: stages inferred from records, and the pipeline says so', async () => {
    h = await startHarness({ fake: { metadataForbidden: true } });
    h.fake.state.opportunities[0]!.stage = 'PROPOSAL';
    h.fake.state.opportunities[1]!.stage = 'NEW';
    const [pipeline] = await h.provider.listPipelines();
    assert.equal(pipeline!.note, INFERRED_NOTE);
    assert.match(pipeline!.note!, /cannot read Twenty's metadata/);
    const seen = [...new Set(h.fake.state.opportunities.map((o) => o.stage))];
    assert.deepEqual(pipeline!.stages.map((s) => s.id), ['NEW', 'SCREENING', 'MEETING', 'PROPOSAL', 'CUSTOMER'].filter((s) => seen.includes(s)));
    assert.equal(pipeline!.stages.find((s) => s.id === 'NEW')?.name, 'New');
    const deals = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'NEW' });
    assert.ok(deals.items.length > 0, 'deals still list');
    const detail = await h.provider.getDeal(deals.items[0]!.id);
    assert.deepEqual(detail.fields, [], 'no field definitions without metadata; values stay under All fields');
    assert.ok('contractType' in detail.raw);
    assert.ok(h.logs.some((l) => /inferred from records/.test(l)));
  });

  it('403 on metadata: a stage value never seen in Twenty\'s standard set gets a readable name', async () => {
    h = await startHarness({ fake: { metadataForbidden: true, deals: 8 } });
    h.fake.state.stageOptions.push({ id: 'x', value: 'CLOSED_WON', label: 'Closed won', position: 5, color: 'green' });
    h.fake.state.opportunities[7]!.stage = 'CLOSED_WON';
    const [pipeline] = await h.provider.listPipelines();
    assert.deepEqual(pipeline!.stages.at(-1), { id: 'CLOSED_WON', pipelineId: 'stage', name: 'Closed won', order: pipeline!.stages.length - 1, outcome: 'unknown' });
  });

  it('lists a stage by filter=stage[eq]:X, position order, depth 0, limit 200: money in micros, owner, close date, totals when whole', async () => {
    h = await startHarness({ fake: { flavor: 'newest' } });
    await h.provider.listPipelines();
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'PROPOSAL' });
    const request = sent(h).find((r) => r.path === '/rest/opportunities');
    assert.deepEqual(request?.query, { filter: 'stage[eq]:PROPOSAL', order_by: 'position[AscNullsFirst]', limit: String(PAGE_SIZE), depth: '0' });
    const stored = h.fake.state.opportunities.filter((o) => o.stage === 'PROPOSAL');
    assert.equal(page.total, stored.length);
    assert.equal(page.next, undefined);
    assert.deepEqual(page.items.map((d) => d.id), stored.sort((a, b) => a.position - b.position).map((o) => o.id));
    for (const deal of page.items) DealSchema.parse(deal);
    const first = stored[0]!;
    const deal = page.items.find((d) => d.id === first.id)!;
    if (first.amount.amountMicros) assert.deepEqual(deal.amount, { minor: first.amount.amountMicros, scale: 6, currency: first.amount.currencyCode });
    if (first.closeDate) assert.equal(deal.expectedClose, first.closeDate.slice(0, 10));
    if (first.ownerId) assert.equal(deal.owner?.id, first.ownerId);
    assert.ok(page.items.some((d) => d.owner && !d.owner.name.startsWith('Member')), 'owners named from workspace members');
    const expected = new Map<string, bigint>();
    for (const o of stored) if (o.amount.amountMicros) expected.set(o.amount.currencyCode, (expected.get(o.amount.currencyCode) ?? 0n) + BigInt(o.amount.amountMicros));
    assert.deepEqual(page.totals?.map((m) => [m.currency, m.minor]), [...expected].sort().map(([c, v]) => [c, v.toString()]));
    assert.equal(sent(h).filter((r) => r.path === '/rest/workspaceMembers').length, 1);
  });

  it('pages with starting_after = pageInfo.endCursor until hasNextPage is false, also when the server clamps to 60', async () => {
    h = await startHarness({ fake: { deals: 600, maxLimit: 60, seed: 3 } });
    await h.provider.listPipelines();
    const stored = h.fake.state.opportunities.filter((o) => o.stage === 'MEETING');
    const { deals, pages, total } = await allDeals(h, 'MEETING');
    assert.equal(total, stored.length, 'the stage count is the first page\'s totalCount');
    assert.equal(pages, Math.ceil(stored.length / 60));
    assert.deepEqual(deals.map((d) => d.id), stored.sort((a, b) => a.position - b.position).map((o) => o.id));
    const lists = sent(h).filter((r) => r.path === '/rest/opportunities');
    assert.equal(lists[0]!.query['starting_after'], undefined);
    for (const request of lists.slice(1)) assert.match(String(request.query['starting_after']), /^[A-Za-z0-9+/=]+$/);
  });

  it('gives no stage total after a cursor (Twenty counts only what follows) and no totals unless the whole stage is on the page', async () => {
    h = await startHarness({ fake: { deals: 600, maxLimit: 60, seed: 3 } });
    await h.provider.listPipelines();
    const first = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'NEW' });
    assert.ok(first.next);
    assert.equal(first.totals, undefined);
    const second = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'NEW', cursor: first.next });
    assert.equal(second.total, undefined);
    assert.equal(second.totals, undefined);
  });

  it('an empty stage: no items, total 0, totals []', async () => {
    h = await startHarness({ fake: { deals: 3 } });
    await h.provider.listPipelines();
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'CUSTOMER' });
    assert.deepEqual([page.items, page.total, page.next, page.totals], [[], 0, undefined, []]);
  });

  it('reads a deal at depth 1: company and contact named, custom fields typed, tasks, members, raw without embedded records', async () => {
    h = await startHarness({ fake: { flavor: 'newest' } });
    const record = fakeDeal(h, (o) => Boolean(o.companyId && o.pointOfContactId && o.ownerId && o.closeDate));
    const detail = await h.provider.getDeal(record.id);
    const get = sent(h).find((r) => r.path === `/rest/opportunities/${record.id}`);
    assert.equal(get?.query['depth'], '1');
    DealSchema.parse(detail.deal);
    const company = h.fake.state.companies.find((c) => c['id'] === record.companyId)!;
    assert.deepEqual(detail.deal.company, { id: record.companyId, name: company['name'] });
    const person = h.fake.state.people.find((p) => p['id'] === record.pointOfContactId)!;
    const name = person['name'] as { firstName: string; lastName: string };
    assert.deepEqual(detail.deal.contact, { id: record.pointOfContactId, name: `${name.firstName} ${name.lastName}` });
    assert.equal(detail.users.length, h.fake.state.members.length);
    assert.deepEqual(detail.users.map((u) => u.name), ['Tim Apple', 'Phil Schiler', 'Jane Austen', 'Jony Ive']);
    assert.deepEqual(detail.stages.map((s) => s.id), ['NEW', 'SCREENING', 'MEETING', 'PROPOSAL', 'CUSTOMER']);
    for (const field of detail.fields) FieldDefSchema.parse(field);
    for (const task of detail.tasks) TaskSchema.parse(task);
    assert.ok(!('company' in detail.raw) && !('taskTargets' in detail.raw) && !('searchVector' in detail.raw));
    assert.equal(detail.raw['amount.currencyCode'], record.amount.currencyCode);
    assert.equal(detail.raw['companyId'], record.companyId);
    // A later depth-0 read still names the company: names learnt at depth 1 are kept.
    const again = await h.provider.fetchDeal(record.id);
    assert.equal(again.company?.name, company['name']);
    assert.equal(sent(h).at(-1)?.query['depth'], '0');
  });

  it('maps every custom field type to a field kind; composites editable where they can be, others read-only with a reason', async () => {
    h = await startHarness();
    const detail = await h.provider.getDeal(fakeDeal(h).id);
    const kinds = Object.fromEntries(detail.fields.map((f) => [f.key, [f.kind, f.writable]]));
    assert.deepEqual(kinds, {
      contractType: ['select', true],
      dealScore: ['number', true],
      website: ['url', true],
      recurringRevenue: ['money', true],
      renewalDate: ['date', true],
      kickoffAt: ['datetime', true],
      isStrategic: ['boolean', true],
      regions: ['multiselect', true],
      buyerEmail: ['email', true],
      buyerPhone: ['phone', true],
      nextSteps: ['textarea', true],
      champion: ['unknown', false],
      billingAddress: ['unknown', false],
      fitRating: ['select', true],
      legacyCode: ['text', true],
    });
    assert.ok(!('oldScore' in kinds), 'inactive fields are left out');
    assert.match(detail.fields.find((f) => f.key === 'champion')!.reason!, /first and last name/);
    assert.deepEqual(detail.fields.find((f) => f.key === 'contractType')!.options, [
      { value: 'ANNUAL', label: 'Annual', color: 'blue' },
      { value: 'MULTI_YEAR', label: 'Multi-year', color: 'green' },
    ]);
  });

  it('reads custom values: composites by their primary part, CURRENCY in micros, rich text as Markdown, empty composites as empty', async () => {
    h = await startHarness();
    const record = fakeDeal(h);
    Object.assign(record.custom, {
      website: { primaryLinkLabel: 'Site', primaryLinkUrl: 'https://acme.example', secondaryLinks: [] },
      recurringRevenue: { amountMicros: '1234567', currencyCode: 'EUR' },
      buyerEmail: { primaryEmail: 'buyer@acme.example', additionalEmails: ['b2@acme.example'] },
      buyerPhone: { primaryPhoneNumber: '612345678', primaryPhoneCountryCode: 'FR', primaryPhoneCallingCode: '+33', additionalPhones: null },
      nextSteps: { blocknote: '[]', markdown: 'Call **Ana**' },
      champion: { firstName: '', lastName: '' },
      regions: ['EMEA', 'APAC'],
      renewalDate: '2027-03-01',
      kickoffAt: '2026-12-01T09:30:00.000Z',
      dealScore: 7.5,
      fitRating: 'RATING_4',
    });
    const deal = await h.provider.fetchDeal(record.id);
    assert.deepEqual(deal.custom['website'], { kind: 'url', value: 'https://acme.example' });
    assert.deepEqual(deal.custom['recurringRevenue'], { kind: 'money', value: { minor: '1234567', scale: 6, currency: 'EUR' } });
    assert.deepEqual(deal.custom['buyerEmail'], { kind: 'email', value: 'buyer@acme.example' });
    assert.deepEqual(deal.custom['buyerPhone'], { kind: 'phone', value: '612345678' });
    assert.deepEqual(deal.custom['nextSteps'], { kind: 'textarea', value: 'Call **Ana**' });
    assert.equal(deal.custom['champion'], undefined);
    assert.deepEqual(deal.custom['regions'], { kind: 'multiselect', value: ['EMEA', 'APAC'] });
    assert.deepEqual(deal.custom['renewalDate'], { kind: 'date', value: '2027-03-01' });
    assert.deepEqual(deal.custom['kickoffAt'], { kind: 'datetime', value: '2026-12-01T09:30:00.000Z' });
    assert.deepEqual(deal.custom['dealScore'], { kind: 'number', value: '7.5' });
    assert.deepEqual(deal.custom['fitRating'], { kind: 'select', value: 'RATING_4' });
  });

  it('keeps micros exact beyond a double, as strings (real server) and as numbers (newest)', async () => {
    h = await startHarness();
    const huge = fakeDeal(h, (o) => o.amount.amountMicros === HUGE_MICROS);
    assert.equal((await h.provider.fetchDeal(huge.id)).amount?.minor, HUGE_MICROS);
    await stopHarness(h);
    h = await startHarness({ fake: { amountMicrosAs: 'number' } });
    const record = fakeDeal(h, (o) => o.amount.amountMicros !== null && o.amount.amountMicros !== HUGE_MICROS);
    assert.equal((await h.provider.fetchDeal(record.id)).amount?.minor, record.amount.amountMicros);
  });

  it('reads the close date as the day in the extension\'s time zone', async () => {
    for (const [zone, day] of [['UTC', '2027-01-31'], ['America/Los_Angeles', '2027-01-30'], ['Asia/Tokyo', '2027-01-31']] as const) {
      h = await startHarness({ providerOptions: { timeZone: zone } });
      const record = fakeDeal(h);
      record.closeDate = '2027-01-31T04:00:00.000Z';
      assert.equal((await h.provider.fetchDeal(record.id)).expectedClose, day, zone);
      await stopHarness(h);
      h = undefined;
    }
  });

  it('a key that may not list workspace members: no users to pick from, owners shown by id, the deal still opens', async () => {
    h = await startHarness({ fake: { flavor: 'newest' } });
    h.fake.failNext({ kind: 'status', status: 403 }, { path: '/rest/workspaceMembers' });
    const record = fakeDeal(h, (o) => Boolean(o.ownerId));
    const detail = await h.provider.getDeal(record.id);
    assert.deepEqual(detail.users, []);
    assert.equal(detail.deal.owner?.id, record.ownerId, 'the owner embedded at depth 1 is still named');
    const listed = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: record.stage });
    const owner = listed.items.find((d) => d.id === record.id)?.owner;
    assert.deepEqual(owner, { id: record.ownerId, name: `Member ${record.ownerId!.slice(0, 8)}` });
  });

  it('an unknown pipeline id is refused without a request', async () => {
    h = await startHarness();
    await rejectsWith(h, h.provider.listDeals({ pipelineId: 'other', stageId: 'NEW' }), 'notFound');
    assert.equal(sent(h).length, 0);
  });

  it('never links to the web app: the notes give no record URL pattern', async () => {
    h = await startHarness();
    assert.equal(h.provider.webUrl({ kind: 'deal', dealId: fakeDeal(h).id }), undefined);
  });
});
