import assert from 'node:assert/strict';
import { type Deal, DealSchema, FieldDefSchema, PipelineSchema, TaskSchema } from '../../../../src/model';
import { activeCampaignDescriptor, resolveApiUrl } from '../../../../src/providers/activecampaign';
import { LOCKED_DEAL_TITLE } from '../../../fakes/activecampaign';
import { assertClientRequestsDocumented, endTest, type Harness, rejectsWith, startHarness, stopHarness } from './helpers';

async function allDeals(h: Harness, pipelineId: string, stageId: string): Promise<{ deals: Deal[]; pages: number }> {
  const deals: Deal[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await h.provider.listDeals({ pipelineId, stageId, cursor });
    pages++;
    deals.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return { deals, pages };
}

describe('ActiveCampaign provider: reads', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented);
  });

  it('checks the key with GET /users/me and names the user', async () => {
    assert.deepEqual(await h.provider.checkKey(), { user: 'Dana Whitfield' });
    const [request] = h.fake.requests;
    assert.equal(request?.path, '/api/3/users/me');
    assert.equal(request?.headers['api-token'], h.fake.apiKey);
  });

  it('lists pipelines with side-loaded stages in their order, all open, in one request', async () => {
    const pipelines = await h.provider.listPipelines();
    assert.equal(h.fake.requests.length, 1);
    assert.deepEqual(h.fake.requests[0]?.query, { limit: '100', offset: '0' });
    for (const p of pipelines) PipelineSchema.parse(p);
    assert.deepEqual(pipelines.map((p) => [p.id, p.name, p.order]), [['1', 'Sales Pipeline', 0], ['2', 'Partnerships', 1]]);
    // Stage 5 sits third by its `order`, though its id is the largest of the pipeline.
    assert.deepEqual(pipelines[0]!.stages.map((s) => s.name), ['To Contact', 'In Contact', 'Qualified', 'Proposal Sent', 'Negotiation']);
    assert.deepEqual(pipelines[0]!.stages.map((s) => s.id), ['1', '2', '5', '3', '4']);
    assert.ok(pipelines.flatMap((p) => p.stages).every((s) => s.outcome === 'open'));
    assert.equal(pipelines[0]!.stages[0]!.color, '#32B0FC');
  });

  it('asks for the stages of a pipeline AC did not side-load them for', async () => {
    // Simulate an answer without side-loads for the second pipeline.
    h.fake.failNext(
      {
        kind: 'badShape',
        body: {
          dealGroups: h.fake.state.dealGroups.map((g) => ({ ...g })),
          dealStages: h.fake.state.dealStages.filter((s) => s.group === '1'),
          meta: { total: '2' },
        },
      },
      { path: '/dealGroups' },
    );
    const pipelines = await h.provider.listPipelines();
    assert.deepEqual(pipelines[1]!.stages.map((s) => s.name), ['Intro', 'Evaluation', 'Contract', 'Live']);
    const stagesCall = h.fake.requests.find((r) => r.path === '/api/3/dealStages');
    assert.equal(stagesCall?.query['filters[d_groupid]'], '2');
  });

  it('lists a stage: money exact in cents, currency upper case, status as outcome, owner named, total and totals from meta', async () => {
    const page = await h.provider.listDeals({ pipelineId: '1', stageId: '1' });
    const stored = h.fake.state.deals.filter((d) => d.stage === '1');
    assert.equal(page.total, stored.length, 'meta.total sent as a string');
    assert.equal(page.next, undefined);
    const request = h.fake.requests.find((r) => r.path === '/api/3/deals');
    assert.deepEqual(request?.query, { 'filters[group]': '1', 'filters[stage]': '1', limit: '100', offset: '0' });
    for (const deal of page.items) DealSchema.parse(deal);
    for (const acDeal of stored) {
      const deal = page.items.find((d) => d.id === acDeal.id)!;
      assert.deepEqual(deal.amount, { minor: acDeal.value, scale: 2, currency: acDeal.currency.toUpperCase() });
      assert.equal(deal.outcome, ({ '0': 'open', '1': 'won', '2': 'lost' } as const)[acDeal.status]);
      assert.equal(deal.probability, Number(acDeal.percent));
      assert.equal(deal.updatedAt, acDeal.mdate);
      assert.equal(deal.createdAt, acDeal.cdate);
      assert.equal(deal.stageId, '1');
      assert.equal(deal.pipelineId, '1');
      const owner = h.fake.state.users.find((u) => u.id === acDeal.owner)!;
      assert.deepEqual(deal.owner, { id: owner.id, name: `${owner.firstName} ${owner.lastName}` });
      assert.equal(deal.expectedClose, undefined);
    }
    const sums = new Map<string, bigint>();
    for (const d of stored) sums.set(d.currency.toUpperCase(), (sums.get(d.currency.toUpperCase()) ?? 0n) + BigInt(d.value));
    assert.deepEqual(
      page.totals,
      [...sums].sort(([a], [b]) => a.localeCompare(b)).map(([currency, sum]) => ({ minor: sum.toString(), scale: 2, currency })),
    );
  });

  it('shows the deal AC marks isDisabled as locked, with its title and nothing else', async () => {
    const page = await h.provider.listDeals({ pipelineId: '1', stageId: '2' });
    const locked = page.items.find((d) => d.locked);
    assert.ok(locked);
    assert.deepEqual(locked, { id: locked.id, name: LOCKED_DEAL_TITLE, outcome: 'unknown', locked: 'no access', custom: {} });
    const detail = await h.provider.getDeal(locked.id);
    assert.equal(detail.deal.locked, 'no access');
    assert.deepEqual(detail.fields, []);
    assert.deepEqual(detail.raw, { id: locked.id, isDisabled: true, title: LOCKED_DEAL_TITLE });
  });

  it('pages a large stage 100 at a time with offset, next = the next offset', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 1600 } });
    const stageSize = h.fake.state.deals.filter((d) => d.stage === '1').length;
    assert.ok(stageSize > 200, `stage 1 holds ${stageSize}`);
    const first = await h.provider.listDeals({ pipelineId: '1', stageId: '1' });
    assert.equal(first.items.length, 100);
    assert.equal(first.next, '100');
    const { deals, pages } = await allDeals(h, '1', '1');
    assert.equal(pages, Math.ceil(stageSize / 100));
    assert.deepEqual(deals.map((d) => d.id), h.fake.state.deals.filter((d) => d.stage === '1').map((d) => d.id));
    const offsets = h.fake.requests.filter((r) => r.path === '/api/3/deals').map((r) => r.query['offset']);
    assert.deepEqual(offsets.slice(1), Array.from({ length: pages }, (_, i) => String(i * 100)));
  });

  it('gives totals [] for an empty stage (meta.currencies is [] there), and no totals when AC gives none and they cannot be exact', async () => {
    h.fake.state.deals = h.fake.state.deals.filter((d) => d.stage !== '9');
    const empty = await h.provider.listDeals({ pipelineId: '2', stageId: '9' });
    assert.deepEqual(empty, { items: [], next: undefined, total: 0, totals: [] });
    // A one-page stage with no locked deal: the sum of what is listed is exact.
    const stage3 = h.fake.state.deals.filter((d) => d.stage === '3');
    h.fake.failNext({ kind: 'badShape', body: { deals: stage3.map((d) => ({ ...d, isDisabled: false })), meta: { currencies: [], total: stage3.length } } });
    const exact = await h.provider.listDeals({ pipelineId: '1', stageId: '3' });
    assert.equal(exact.totals?.reduce((n, m) => n + BigInt(m.minor), 0n), stage3.reduce((n, d) => n + BigInt(d.value), 0n));
    // A stage with a locked deal: its value is hidden, so no total is claimed.
    const stage2 = h.fake.state.deals.filter((d) => d.stage === '2');
    h.fake.failNext({
      kind: 'badShape',
      body: { deals: stage2.map((d) => (d.isDisabled ? { id: d.id, title: d.title, isDisabled: true } : { ...d })), meta: { total: String(stage2.length) } },
    });
    const partial = await h.provider.listDeals({ pipelineId: '1', stageId: '2' });
    assert.equal(partial.totals, undefined);
    assert.equal(partial.total, stage2.length);
  });

  it('refuses a cursor that is not an offset', async () => {
    const error = await rejectsWith(h, h.provider.listDeals({ pipelineId: '1', stageId: '1', cursor: 'abc' }), 'validation');
    assert.equal(error.fieldErrors?.[0]?.field, 'cursor');
    assert.equal(h.fake.requests.length, 0);
  });

  it('fetches one deal with GET /deals/{id}', async () => {
    const acDeal = h.fake.state.deals.find((d) => !d.isDisabled)!;
    const deal = await h.provider.fetchDeal(acDeal.id);
    assert.equal(deal.name, acDeal.title);
    assert.equal(deal.updatedAt, acDeal.mdate);
    assert.ok(h.fake.requests.some((r) => r.method === 'GET' && r.path === `/api/3/deals/${acDeal.id}`));
  });

  it('getDeal: stages of its pipeline, field defs with kinds and options, values of every kind, tasks, users, names and raw', async () => {
    const acDeal = h.fake.state.deals.find(
      (d) => !d.isDisabled && d.group === '1' && h.fake.state.dealCustomFieldData.filter((v) => String(v.dealId) === d.id).length >= 4,
    )!;
    const detail = await h.provider.getDeal(acDeal.id);
    DealSchema.parse(detail.deal);
    assert.deepEqual(detail.stages.map((s) => s.id), ['1', '2', '5', '3', '4']);
    for (const f of detail.fields) FieldDefSchema.parse(f);
    const kinds = Object.fromEntries(detail.fields.map((f) => [f.label, f.kind]));
    assert.deepEqual(kinds, {
      'Forecasted Close Date': 'date', Products: 'multiselect', 'Contract Value': 'money', 'Lead Source': 'select',
      'Notes for Finance': 'textarea', Seats: 'number', 'Kickoff Call': 'datetime', Region: 'select', Website: 'text',
      Compliance: 'multiselect', 'Internal Ref': 'text',
    });
    const leadSource = detail.fields.find((f) => f.label === 'Lead Source')!;
    assert.equal(leadSource.required, true);
    assert.deepEqual(leadSource.options?.map((o) => o.value), ['Website', 'Referral', 'Event', 'Outbound']);
    assert.ok(detail.fields.every((f) => f.writable));
    // Every stored value is read back in its kind.
    const data = h.fake.state.dealCustomFieldData.filter((v) => String(v.dealId) === acDeal.id);
    assert.equal(Object.keys(detail.deal.custom).length, data.length);
    for (const datum of data) {
      const value = detail.deal.custom[String(datum.customFieldId)];
      assert.ok(value, `value of field ${datum.customFieldId}`);
      const def = detail.fields.find((f) => f.key === String(datum.customFieldId))!;
      assert.equal(value.kind, def.kind);
      if (value.kind === 'multiselect') assert.deepEqual(value.value, datum.fieldValue.split('||').filter(Boolean));
      if (value.kind === 'money') assert.deepEqual(value.value, { minor: datum.fieldValue, scale: 2, currency: datum.fieldCurrency!.toUpperCase() });
      if (value.kind === 'datetime') assert.equal(Date.parse(value.value), Date.parse(datum.fieldValue));
      if (value.kind === 'date') assert.equal(value.value, datum.fieldValue);
      assert.equal(detail.raw[`custom.${def.label}`], datum.fieldValue);
    }
    const tasks = h.fake.state.dealTasks.filter((t) => t.relid === acDeal.id);
    assert.equal(detail.tasks.length, tasks.length);
    for (const t of detail.tasks) TaskSchema.parse(t);
    assert.deepEqual(detail.users.map((u) => u.name), ['Dana Whitfield', 'Marco Ruiz', 'Priya Nair', 'Tom Becker']);
    const contact = h.fake.state.contacts.find((c) => c.id === acDeal.contact)!;
    assert.deepEqual(detail.deal.contact, { id: contact.id, name: `${contact.firstName} ${contact.lastName}` });
    if (acDeal.account) assert.equal(detail.deal.company?.name, h.fake.state.accounts.find((a) => a.id === acDeal.account)!.name);
    assert.equal(detail.raw['title'], acDeal.title);
    assert.equal(detail.raw['value'], acDeal.value);
    assert.equal(detail.raw['links.tasks'], `/api/3/deals/${acDeal.id}/tasks`);
    assert.equal(h.provider.webUrl({ kind: 'deal', dealId: acDeal.id }), undefined);
  });

  it('reads multiselect values given as an array, as `||a||b||` and as one plain value', async () => {
    const acDeal = h.fake.state.deals.find((d) => !d.isDisabled && d.id === '1')!;
    h.fake.state.dealCustomFieldData = h.fake.state.dealCustomFieldData.filter((v) => String(v.dealId) !== acDeal.id);
    const stamp = '2020-05-24T13:18:08+00:00';
    const datum = (id: string, field: number, fieldValue: unknown) => ({
      id, dealCustomFieldMetumId: field, customFieldId: field, dealId: Number(acDeal.id), createdTimestamp: stamp, updatedTimestamp: stamp, fieldValue,
    });
    h.fake.failNext(
      {
        kind: 'badShape',
        body: {
          dealCustomFieldData: [datum('900', 2, ['Starter', 'Growth']), datum('901', 10, '||GDPR||HIPAA||'), datum('902', 8, 'EMEA')],
          meta: { total: 3 },
        },
      },
      { path: '/dealCustomFieldData' },
    );
    const { deal } = await h.provider.getDeal(acDeal.id);
    assert.deepEqual(deal.custom['2'], { kind: 'multiselect', value: ['Starter', 'Growth'] });
    assert.deepEqual(deal.custom['10'], { kind: 'multiselect', value: ['GDPR', 'HIPAA'] });
    assert.deepEqual(deal.custom['8'], { kind: 'select', value: 'EMEA' });
  });

  it('accepts the API URL with or without /api/3 and a trailing slash; refuses plain http off loopback', () => {
    for (const given of ['https://acme.api-us1.com', 'https://acme.api-us1.com/', 'https://acme.api-us1.com/api/3', 'https://acme.api-us1.com/api/3/']) {
      assert.deepEqual(resolveApiUrl(given), { ok: true, apiBase: 'https://acme.api-us1.com/api/3', accountUrl: 'https://acme.api-us1.com' });
    }
    assert.equal(resolveApiUrl('http://acme.api-us1.com').ok, false);
    assert.equal(resolveApiUrl('not a url').ok, false);
    assert.equal(resolveApiUrl(undefined).ok, false);
    assert.equal(resolveApiUrl('http://127.0.0.1:9/api/3/').ok, true);
  });

  it('sends requests under /api/3 when the account URL already ends in /api/3/', async () => {
    await stopHarness(h);
    h = await startHarness({ baseUrl: (url) => `${url}/api/3/` });
    await h.provider.checkKey();
    assert.equal(h.fake.requests.at(-1)?.path, '/api/3/users/me');
  });

  it('describes itself as the brief says', () => {
    const d = activeCampaignDescriptor;
    assert.equal(d.id, 'activecampaign');
    assert.equal(d.displayName, 'ActiveCampaign');
    assert.equal(d.icon, 'activecampaign');
    assert.equal(d.needsKey, true);
    assert.match(d.keyHelp ?? '', /Settings → Developer/);
    assert.deepEqual(d.baseUrl.kind === 'required' && d.baseUrl.httpsOnly, true);
    assert.deepEqual(d.rateLimit?.ratePerSecond, 5);
    assert.deepEqual(d.capabilities, {
      updateDeal: true, moveStage: true, setOutcome: true, updateCustomFields: true, listTasks: true, createTask: true,
      updateTask: true, completeTask: true, deleteTask: true, search: true, openTasks: true,
    });
  });
});
