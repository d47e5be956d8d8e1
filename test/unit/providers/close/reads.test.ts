import assert from 'node:assert/strict';
import { DealSchema, FieldDefSchema, TaskSchema } from '../../../../src/model';
import { closeDescriptor } from '../../../../src/providers/close';
import { allDeals, API_KEY, assertCleanRun, type Harness, openClose, requestLines, stageOf, storedOpportunity } from './helpers';

describe('Close provider: reads against the fake', () => {
  let h: Harness;
  before(async () => {
    h = await openClose();
  });
  after(async () => {
    await h.close();
  });

  it('describes Close: key, capabilities, rate limit', () => {
    assert.equal(closeDescriptor.id, 'close');
    assert.equal(closeDescriptor.needsKey, true);
    assert.deepEqual(closeDescriptor.baseUrl, { kind: 'none' });
    assert.match(closeDescriptor.keyHelp ?? '', /Settings → Developer → API Keys/);
    assert.equal(closeDescriptor.capabilities.setOutcome, false);
    assert.equal(closeDescriptor.capabilities.deleteTask, true);
    assert.ok(closeDescriptor.rateLimit && closeDescriptor.rateLimit.ratePerSecond <= 20);
  });

  it('checkKey calls GET /me/ with Basic auth (key as user, empty password) and names the user', async () => {
    const from = h.fake.requests.length;
    const me = await h.provider.checkKey();
    assert.equal(me.user, 'Lindsay Fünke');
    const request = h.fake.requests[from]!;
    assert.equal(`${request.method} ${request.path}`, 'GET /api/v1/me/');
    assert.equal(request.headers.authorization, `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}`);
  });

  it('lists pipelines in order with stages in the order of their statuses and outcomes from the type', async () => {
    const pipelines = await h.provider.listPipelines();
    assert.deepEqual(pipelines.map((p) => p.name), ['Sales', 'Renewals', 'Partnerships']);
    const sales = pipelines[0]!;
    assert.deepEqual(sales.stages.map((s) => s.id), h.fake.state.pipelines[0]!.statusIds);
    assert.deepEqual(sales.stages.map((s) => s.outcome), ['open', 'open', 'open', 'won', 'lost']);
    assert.deepEqual(sales.stages.map((s) => s.order), [0, 1, 2, 3, 4]);
    assert.ok(sales.stages.every((s) => s.pipelineId === sales.id));
  });

  it('lists a stage by status_id at the largest page size with count and value from the aggregates', async () => {
    const stage = stageOf(h, 'Sales', 'Demo Completed');
    const from = h.fake.requests.length;
    const page = await h.provider.listDeals(stage);
    const list = h.fake.requests.find((r, i) => i >= from && r.path.endsWith('/opportunity/'))!;
    assert.equal(list.query['status_id'], stage.stageId);
    assert.equal(list.query['_limit'], '250');
    assert.equal(list.query['_skip'], '0');
    const stored = h.fake.state.opportunities.filter((o) => o['status_id'] === stage.stageId);
    assert.equal(page.items.length, stored.length);
    assert.equal(page.total, stored.length);
    assert.equal(page.next, undefined);
    const annualized = stored.reduce((sum, o) => sum + BigInt((o['value'] as number | null) ?? 0) * (o['value_period'] === 'monthly' ? 12n : 1n), 0n);
    assert.deepEqual(page.totals, [{ minor: annualized.toString(), scale: 2, currency: 'USD' }]);
    for (const deal of page.items) DealSchema.parse(deal);
  });

  it('asks a stage list for only the fields rows show (`_fields`); the panel still reads the custom values', async () => {
    const stage = stageOf(h, 'Sales', 'Demo Completed');
    const from = h.fake.requests.length;
    const page = await h.provider.listDeals(stage);
    const list = h.fake.requests.find((r, i) => i >= from && r.path.endsWith('/opportunity/'))!;
    assert.ok(list.query['_fields'], 'the list names the fields it needs');
    const asked = String(list.query['_fields']).split(',');
    assert.ok(!asked.some((f) => f.startsWith('custom')), 'custom values are not asked for');
    for (const deal of page.items) {
      const stored = h.fake.state.opportunities.find((o) => o['id'] === deal.id)!;
      assert.equal(deal.amount?.minor, stored['value'] === null ? undefined : String(stored['value']));
      assert.equal(deal.amountPeriod, stored['value_period']);
      assert.equal(deal.expectedClose, stored['date_won'] ?? undefined);
      assert.equal(deal.owner?.name, stored['user_name'] ?? undefined);
      assert.equal(deal.name, stored['lead_name']);
      assert.equal(deal.updatedAt, stored['date_updated']);
    }
    const withCustom = page.items.find((d) => Object.keys(h.fake.state.opportunities.find((o) => o['id'] === d.id)!).some((k) => k.startsWith('custom.')))!;
    const detail = await h.provider.getDeal(withCustom.id);
    assert.ok(Object.keys(detail.deal.custom ?? {}).length > 0, 'the panel shows the custom values');
  });

  it('shows no stage total where the stage mixes currencies, and keeps each deal in its own', async () => {
    const stage = stageOf(h, 'Partnerships', 'Evaluation');
    const page = await h.provider.listDeals(stage);
    const currencies = new Set(page.items.filter((d) => d.amount).map((d) => d.amount!.currency));
    assert.deepEqual([...currencies].sort(), ['EUR', 'USD']);
    assert.equal(page.totals, undefined);
  });

  it('maps an opportunity: cents, period, confidence, owner, lead, contact, date_won, note, dates, web link', async () => {
    const opp = h.fake.state.opportunities.find((o) => o['contact_id'] && o['value'] && o['date_won'] && o['note'])!;
    const deal = await h.provider.fetchDeal(String(opp['id']));
    assert.deepEqual(deal.amount, { minor: String(opp['value']), scale: 2, currency: 'USD' });
    assert.equal(deal.amountPeriod, opp['value_period']);
    assert.equal(deal.probability, opp['confidence']);
    assert.deepEqual(deal.owner, { id: opp['user_id'], name: opp['user_name'] });
    assert.deepEqual(deal.company, { id: opp['lead_id'], name: opp['lead_name'] });
    assert.deepEqual(deal.contact, { id: opp['contact_id'], name: opp['contact_name'] });
    assert.equal(deal.name, opp['lead_name']);
    assert.equal(deal.expectedClose, opp['date_won']);
    assert.equal(deal.description, opp['note']);
    assert.equal(deal.stageId, opp['status_id']);
    assert.equal(deal.pipelineId, opp['pipeline_id']);
    assert.equal(deal.updatedAt, opp['date_updated']);
    assert.equal(deal.createdAt, opp['date_created']);
    assert.equal(deal.webUrl, `https://app.close.com/lead/${String(opp['lead_id'])}/`);
    assert.equal(h.provider.webUrl({ kind: 'deal', dealId: deal.id }), deal.webUrl);
    DealSchema.parse(deal);
  });

  it('maps won and lost stages to the outcome and a missing value to no amount', async () => {
    const won = stageOf(h, 'Sales', 'Won');
    const lost = stageOf(h, 'Sales', 'Lost');
    assert.ok((await h.provider.listDeals(won)).items.every((d) => d.outcome === 'won'));
    assert.ok((await h.provider.listDeals(lost)).items.every((d) => d.outcome === 'lost'));
    const valueless = h.fake.state.opportunities.find((o) => o['value'] === null)!;
    assert.equal((await h.provider.fetchDeal(String(valueless['id']))).amount, undefined);
  });

  it('reads custom values by their field types; present only when set', async () => {
    const fields = h.fake.state.customFields;
    const byName = (name: string) => `custom.${fields.find((f) => f.name === name)!.id}`;
    const opp = storedOpportunity(h, String(h.fake.state.opportunities[0]!['id']));
    Object.assign(opp, {
      [byName('Contract Link')]: 'https://example.com/c.pdf',
      [byName('Deal Summary')]: 'Line one\nLine two',
      [byName('Seats')]: 12.5,
      [byName('Renewal Date')]: '2027-01-31',
      [byName('Kickoff Call')]: '2026-05-04T15:30:00+00:00',
      [byName('Deal Source')]: 'Referral',
      [byName('Products')]: ['Widget A', 'Support Plan'],
      [byName('Sales Engineer')]: h.fake.state.users[2]!.id,
      [byName('Internal Score')]: 'score-1',
    });
    delete opp[byName('Approved Discount')];
    const detail = await h.provider.getDeal(String(opp['id']));
    const custom = detail.deal.custom;
    assert.deepEqual(custom[byName('Contract Link')], { kind: 'text', value: 'https://example.com/c.pdf' });
    assert.deepEqual(custom[byName('Deal Summary')], { kind: 'textarea', value: 'Line one\nLine two' });
    assert.deepEqual(custom[byName('Seats')], { kind: 'number', value: '12.5' });
    assert.deepEqual(custom[byName('Renewal Date')], { kind: 'date', value: '2027-01-31' });
    assert.deepEqual(custom[byName('Kickoff Call')], { kind: 'datetime', value: '2026-05-04T15:30:00+00:00' });
    assert.deepEqual(custom[byName('Deal Source')], { kind: 'select', value: 'Referral' });
    assert.deepEqual(custom[byName('Products')], { kind: 'multiselect', value: ['Widget A', 'Support Plan'] });
    const engineer = h.fake.state.users[2]!;
    assert.deepEqual(custom[byName('Sales Engineer')], { kind: 'user', value: { id: engineer.id, name: `${engineer.first_name} ${engineer.last_name}` } });
    assert.deepEqual(custom[byName('Internal Score')], { kind: 'unknown', value: 'score-1' });
    assert.equal(custom[byName('Approved Discount')], undefined);
    DealSchema.parse(detail.deal);
  });

  it('names a contact field by the contact it points to', async () => {
    const fieldKey = `custom.${h.fake.state.customFields.find((f) => f.type === 'contact')!.id}`;
    const contact = h.fake.state.contacts[3]!;
    const opp = h.fake.state.opportunities[1]!;
    opp[fieldKey] = contact.id;
    const detail = await h.provider.getDeal(String(opp['id']));
    assert.deepEqual(detail.deal.custom[fieldKey], { kind: 'reference', value: { id: contact.id, name: contact.name } });
  });

  it('gives field definitions in UI order with kinds, choices, and read-only reasons', async () => {
    const detail = await h.provider.getDeal(String(h.fake.state.opportunities[0]!['id']));
    assert.deepEqual(detail.fields.map((f) => f.label), h.fake.state.customFields.map((f) => f.name));
    const kind = (label: string) => detail.fields.find((f) => f.label === label)!;
    assert.equal(kind('Deal Source').kind, 'select');
    assert.deepEqual(kind('Deal Source').options?.map((o) => o.value), ['Inbound', 'Outbound', 'Referral', 'Partner']);
    assert.equal(kind('Products').kind, 'multiselect');
    assert.equal(kind('Sales Engineer').kind, 'user');
    assert.equal(kind('Champion').kind, 'reference');
    assert.equal(kind('Champion').writable, false);
    assert.equal(kind('Approved Discount').writable, false);
    assert.match(kind('Approved Discount').reason ?? '', /roles/);
    assert.equal(kind('Internal Score').kind, 'unknown');
    assert.equal(kind('Internal Score').writable, false);
    assert.equal(kind('Seats').writable, true);
    assert.ok(detail.fields.every((f) => f.key.startsWith('custom.cf_')));
    for (const f of detail.fields) FieldDefSchema.parse(f);
  });

  it('falls back to /custom_field/opportunity/ when the schema endpoint answers 404', async () => {
    h.fake.state.customFieldSchemaEndpoint = false;
    try {
      const from = h.fake.requests.length;
      const detail = await h.provider.getDeal(String(h.fake.state.opportunities[0]!['id']), undefined, { fresh: true });
      const lines = requestLines(h, from);
      assert.ok(lines.includes('GET /custom_field_schema/opportunity/'));
      assert.ok(lines.includes('GET /custom_field/opportunity/'));
      // The plain list has no shared fields.
      assert.deepEqual(detail.fields.map((f) => f.label), h.fake.state.customFields.filter((f) => !f.is_shared).map((f) => f.name));
    } finally {
      h.fake.state.customFieldSchemaEndpoint = true;
    }
  });

  it('opening a deal again reuses the statuses, fields and users; Refresh reads them again', async () => {
    const id = String(h.fake.state.opportunities[1]!['id']);
    await h.provider.getDeal(id);
    const from = h.fake.requests.length;
    const again = await h.provider.getDeal(id);
    assert.deepEqual(requestLines(h, from).filter((l) => l !== 'GET /task/').sort(), [`GET /opportunity/${id}/`]);
    assert.ok(again.fields.length > 0 && again.users.length > 0 && again.stages.length > 0);
    const beforeRefresh = h.fake.requests.length;
    await h.provider.getDeal(id, undefined, { fresh: true });
    const refreshed = requestLines(h, beforeRefresh);
    for (const line of ['GET /pipeline/', 'GET /custom_field_schema/opportunity/', 'GET /user/']) assert.ok(refreshed.includes(line), line);
  });

  it('getDeal gives the pipeline stages, users, tasks and every raw key', async () => {
    const opp = h.fake.state.opportunities.find((o) => h.fake.state.tasks.some((t) => t['object_id'] === o['id']))!;
    const detail = await h.provider.getDeal(String(opp['id']));
    const pipeline = h.fake.state.pipelines.find((p) => p.id === opp['pipeline_id'])!;
    assert.deepEqual(detail.stages.map((s) => s.id), pipeline.statusIds);
    assert.deepEqual(detail.users.map((u) => u.id).sort(), h.fake.state.users.map((u) => u.id).sort());
    for (const key of Object.keys(opp)) assert.ok(key in detail.raw, `raw lacks ${key}`);
    assert.ok(detail.tasks.some((t) => t.title.startsWith('Opportunity due')));
    for (const t of detail.tasks) TaskSchema.parse(t);
  });

  it('pages a stage bigger than one page with _skip and reaches every deal once', async () => {
    const big = await openClose({ fake: { deals: { Sales: 1300, Renewals: 2, Partnerships: 2 } } });
    try {
      const stage = stageOf(big, 'Sales', 'Proposal Sent');
      const first = await big.provider.listDeals(stage);
      assert.equal(first.items.length, 250);
      assert.equal(first.next, '250');
      assert.equal(first.total, 260);
      const deals = await allDeals(big.provider, stage);
      assert.equal(new Set(deals.map((d) => d.id)).size, 260);
      await assert.rejects(big.provider.listDeals({ ...stage, cursor: 'abc' }), /cursor/);
      assertCleanRun(big);
    } finally {
      await big.close();
    }
  });

  it('the fake: paths need their trailing slash, and _limit over the maximum is a 400', async () => {
    const auth = { authorization: `Basic ${Buffer.from(`${API_KEY}:`).toString('base64')}` };
    const noSlash = await fetch(`${h.fake.url}/pipeline`, { headers: auth, redirect: 'manual' });
    assert.equal(noSlash.status, 308);
    assert.equal(noSlash.headers.get('location'), '/api/v1/pipeline/');
    const tooMany = await fetch(`${h.fake.url}/opportunity/?_limit=251`, { headers: auth });
    assert.equal(tooMany.status, 400);
    assert.deepEqual(Object.keys(((await tooMany.json()) as { 'field-errors': object })['field-errors']), ['_limit']);
    const noAuth = await fetch(`${h.fake.url}/me/`);
    assert.equal(noAuth.status, 401);
    // Direct probes are not the client's requests.
    h.fake.requests.splice(-3, 3);
  });

  it('sent only requests the vendor OpenAPI spec documents, and logged no key', () => {
    assertCleanRun(h);
  });
});
