import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Deal, DealSchema, FieldDefSchema, PipelineSchema, TaskSchema } from '../../../../src/model';
import { ATTRIBUTES_READ_ONLY, PIPELINE_NAME, resolveBaseUrl, spottDescriptor } from '../../../../src/providers/spott';
import { EMPTY_STAGE_ID, FIXTURE_IDS } from '../../../fakes/spott';
import {
  assertClientRequestsDocumented, assertNoKey, endTest, fakeDealsOf, type Harness, passRequests, PIPELINE, rejectsWith, sent,
  startHarness, stopHarness,
} from './helpers';

async function allDeals(h: Harness, stageId: string): Promise<{ deals: Deal[]; pages: number; total?: number }> {
  const deals: Deal[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let total: number | undefined;
  do {
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId, cursor });
    pages++;
    total = page.total;
    deals.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return { deals, pages, total };
}

const USED_STAGES = ['stg_lead', 'stg_qualified', 'stg_proposal', 'stg_negotiation', 'stg_won', 'stg_lost'];

describe('Spott provider: reads', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ fake: { deals: 130 } });
  });
  afterEach(async function () {
    await endTest(this, h, assertClientRequestsDocumented, assertNoKey);
  });

  it('checks the key with one GET /opportunities?limit=1 and the x-api-key header', async () => {
    assert.deepEqual(await h.provider.checkKey(), {});
    assert.equal(h.fake.requests.length, 1);
    const [request] = h.fake.requests;
    assert.equal(request?.path, '/opportunities');
    assert.deepEqual(request?.query, { limit: '1' });
    assert.equal(request?.headers['x-api-key'], h.fake.apiKey);
    assert.equal(request?.headers['authorization'], undefined);
  });

  it('lists one pipeline whose stages are the distinct embedded stages in `order`, from one pass of 50 a page', async () => {
    const pipelines = await h.provider.listPipelines();
    assert.equal(pipelines.length, 1);
    const [pipeline] = pipelines;
    PipelineSchema.parse(pipeline);
    assert.equal(pipeline!.id, PIPELINE);
    assert.equal(pipeline!.name, PIPELINE_NAME);
    assert.match(pipeline!.note ?? '', /no opportunities is not shown/);
    assert.deepEqual(pipeline!.stages.map((s) => s.id), USED_STAGES);
    assert.deepEqual(pipeline!.stages.map((s) => s.order), [1, 2, 3, 4, 5, 6]);
    assert.ok(!pipeline!.stages.some((s) => s.id === EMPTY_STAGE_ID), 'a stage no opportunity is in cannot be seen');
    // Closed stages (isOpen false) are neither won nor lost until the account says which.
    assert.deepEqual(pipeline!.stages.map((s) => s.outcome), ['open', 'open', 'open', 'open', 'unknown', 'unknown']);
    const lists = sent(h, 'GET', '/opportunities');
    assert.equal(lists.length, passRequests(130));
    assert.ok(lists.every((r) => r.query['limit'] === '50'));
    assert.equal(lists[0]!.query['cursor'], undefined);
    assert.ok(lists.slice(1).every((r) => typeof r.query['cursor'] === 'string'));
  });

  it("maps closed stages to won/lost with the account's stageOutcomes, by stage id or by name", async () => {
    await stopHarness(h);
    h = await startHarness({ stageOutcomes: { stg_won: 'won', lost: 'lost' } });
    const [pipeline] = await h.provider.listPipelines();
    assert.deepEqual(pipeline!.stages.slice(-2).map((s) => [s.name, s.outcome]), [['Won', 'won'], ['Lost', 'lost']]);
    const won = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_won' });
    assert.ok(won.items.length > 0 && won.items.every((d) => d.outcome === 'won'));
    const open = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_lead' });
    assert.ok(open.items.every((d) => d.outcome === 'open'));
  });

  it('serves every stage from the pass just made: no further request, 50 a page, exact totals, the list order kept', async () => {
    const [pipeline] = await h.provider.listPipelines();
    const before = h.fake.requests.length;
    let seen = 0;
    for (const stage of pipeline!.stages) {
      const { deals, pages, total } = await allDeals(h, stage.id);
      const stored = fakeDealsOf(h, stage.id);
      assert.equal(total, stored.length);
      assert.equal(pages, Math.max(1, Math.ceil(stored.length / 50)));
      assert.deepEqual(deals.map((d) => d.id), stored.map((o) => o.id));
      seen += deals.length;
    }
    assert.equal(seen, 130);
    assert.equal(h.fake.requests.length, before, 'stages are served from the pass');
  });

  it('maps an opportunity: wrapped fields read, owner/company/contact named, close date as a day, no amount invented', async () => {
    await h.provider.listPipelines();
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_proposal' });
    for (const deal of page.items) DealSchema.parse(deal);
    assert.equal(page.totals, undefined, 'Spott has no amounts to total');
    const northwind = page.items.find((d) => d.id === FIXTURE_IDS.northwind)!;
    assert.deepEqual(northwind, {
      id: FIXTURE_IDS.northwind,
      name: 'Northwind - Finance hiring 2026',
      pipelineId: PIPELINE,
      stageId: 'stg_proposal',
      owner: { id: 'usr_A11', name: 'Sam Recruiter' },
      company: { id: 'cmp_7Q2M', name: 'Northwind Traders' },
      contact: { id: 'cc_55', name: 'Ada Lovelace' },
      expectedClose: '2026-07-15',
      outcome: 'open',
      description: '3 senior accountants, retained search.',
      createdAt: '2026-04-03T08:21:10.000Z',
      updatedAt: undefined,
      custom: {},
    });
    const all = (await Promise.all(USED_STAGES.map((s) => allDeals(h, s)))).flatMap((r) => r.deals);
    assert.ok(all.every((d) => d.amount === undefined && d.probability === undefined));
    const initech = all.find((d) => d.id === FIXTURE_IDS.initech)!;
    assert.equal(initech.owner, undefined);
    assert.equal(initech.expectedClose, undefined);
    assert.equal(initech.description, undefined);
    assert.equal(initech.contact, undefined);
  });

  it('without a pass yet, the first stage pages share one pass, however many ask at once', async () => {
    const pages = await Promise.all(USED_STAGES.map((stageId) => h.provider.listDeals({ pipelineId: PIPELINE, stageId })));
    assert.equal(pages.reduce((n, p) => n + (p.total ?? 0), 0), 130);
    assert.equal(sent(h, 'GET', '/opportunities').length, passRequests(130));
  });

  it('makes a new pass when the last is older than the snapshot age, and on every listPipelines', async () => {
    await stopHarness(h);
    h = await startHarness({ providerOptions: { snapshotMaxAgeMs: 50 } });
    await h.provider.listPipelines();
    await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_lead' });
    assert.equal(sent(h, 'GET', '/opportunities').length, passRequests(60));
    await new Promise((r) => setTimeout(r, 80));
    await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_lead' });
    assert.equal(sent(h, 'GET', '/opportunities').length, 2 * passRequests(60));
    await h.provider.listPipelines();
    assert.equal(sent(h, 'GET', '/opportunities').length, 3 * passRequests(60));
  });

  it('reads both list envelopes: pageInfo {nextCursor, hasNextPage} and pagination {cursor, hasMore}', async () => {
    const viaPageInfo = await h.provider.listPipelines();
    const dealsA = (await Promise.all(USED_STAGES.map((s) => allDeals(h, s)))).map((r) => r.deals);
    const tasksA = await h.provider.listTasks(FIXTURE_IDS.northwind);
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 130, envelope: 'pagination' } });
    const viaPagination = await h.provider.listPipelines();
    const dealsB = (await Promise.all(USED_STAGES.map((s) => allDeals(h, s)))).map((r) => r.deals);
    const tasksB = await h.provider.listTasks(FIXTURE_IDS.northwind);
    assert.deepEqual(viaPagination, viaPageInfo);
    assert.deepEqual(dealsB, dealsA);
    assert.deepEqual(tasksB, tasksA);
    assert.equal(tasksB.length, 1);
    assert.equal(sent(h, 'GET', '/opportunities').length, passRequests(130));
    assert.equal(sent(h, 'GET', '/tasks').length, passRequests(h.fake.state.tasks.length));
    assert.ok(passRequests(h.fake.state.tasks.length) > 1, 'tasks paged across pages too');
  });

  it('reads field wrappers with viewType, without it, and bare values alike', async () => {
    const withType = await h.provider.getDeal(FIXTURE_IDS.northwind);
    h.fake.config.viewType = false;
    const [pipeline] = await h.provider.listPipelines();
    const withoutType = await h.provider.getDeal(FIXTURE_IDS.northwind);
    assert.deepEqual(withoutType.deal, withType.deal);
    assert.deepEqual(withoutType.raw, withType.raw);
    assert.deepEqual(pipeline!.stages.map((s) => s.id), USED_STAGES);
    const bare = {
      id: 'opp_bare', name: 'Bare values', description: null, stage: { id: 'stg_lead', name: 'Lead', order: 1, isOpen: true },
      company: { id: 'cmp_9K1', name: 'Initech' }, owner: null, closeDate: { target: '2026-09-30T00:00:00.000Z' },
      createdAt: '2026-01-01T00:00:00.000Z', clientTeam: [], nextTaskDue: null,
    };
    h.fake.failNext({ kind: 'badShape', body: bare }, { path: '/opportunities/opp_bare' });
    const deal = await h.provider.fetchDeal('opp_bare');
    assert.deepEqual([deal.name, deal.stageId, deal.company?.name, deal.expectedClose], ['Bare values', 'stg_lead', 'Initech', '2026-09-30']);
  });

  it('keeps the later copy of an opportunity that changed while the pass paged (lists run oldest change first)', async () => {
    const headers = { 'x-api-key': h.fake.apiKey, 'content-type': 'application/json' };
    // Page one as it was before the change, then the change, then the pass: page two is served live.
    const pageOne = (await (await fetch(`${h.fake.url}/opportunities?limit=50`, { headers })).json()) as { items: { id: string }[] };
    const moved = pageOne.items[5]!.id;
    const patched = await fetch(`${h.fake.url}/opportunities/${moved}`, {
      method: 'PATCH', headers, body: JSON.stringify({ name: 'Changed mid-pass', stageId: 'stg_won' }),
    });
    assert.equal(patched.status, 200);
    h.fake.failNext({ kind: 'badShape', body: pageOne }, { path: '/opportunities' });
    await h.provider.listPipelines();
    const won = await allDeals(h, 'stg_won');
    const copies = (await Promise.all(USED_STAGES.map((s) => allDeals(h, s)))).flatMap((r) => r.deals).filter((d) => d.id === moved);
    assert.equal(copies.length, 1);
    assert.deepEqual([copies[0]!.name, copies[0]!.stageId], ['Changed mid-pass', 'stg_won']);
    assert.equal(won.deals.at(-1)?.id, moved, 'last in its stage: the latest changed');
    assert.equal((await Promise.all(USED_STAGES.map((s) => allDeals(h, s)))).reduce((n, r) => n + r.deals.length, 0), 130);
  });

  it('refuses a cursor from a load long gone, a cursor that is not one, and another pipeline, without sending', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 400 } });
    await h.provider.listPipelines();
    const big = [...USED_STAGES].sort((a, b) => fakeDealsOf(h, b).length - fakeDealsOf(h, a).length)[0]!;
    const first = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: big });
    assert.ok(first.next, 'a stage with more than 50');
    for (let i = 0; i < 3; i++) await h.provider.listPipelines();
    const count = h.fake.requests.length;
    const stale = await rejectsWith(h, h.provider.listDeals({ pipelineId: PIPELINE, stageId: big, cursor: first.next }), 'validation');
    assert.equal(stale.fieldErrors?.[0]?.field, 'cursor');
    assert.match(stale.message, /refresh the stage/);
    await rejectsWith(h, h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stg_lead', cursor: 'abc' }), 'validation');
    await rejectsWith(h, h.provider.listDeals({ pipelineId: 'other', stageId: 'stg_lead' }), 'notFound');
    assert.equal(h.fake.requests.length, count);
  });

  it('fetches one deal with GET /opportunities/{id}; a modification time, if Spott sends one, is the edit version', async () => {
    const deal = await h.provider.fetchDeal(FIXTURE_IDS.northwind);
    assert.deepEqual(sent(h, 'GET', `/opportunities/${FIXTURE_IDS.northwind}`).length, 1);
    assert.equal(h.fake.requests.length, 1);
    assert.deepEqual(deal.custom, { attr_fee_pct: { kind: 'text', value: '22' }, attr_source: { kind: 'text', value: 'LinkedIn outreach' } });
    assert.equal(deal.updatedAt, undefined, 'no modification time is documented on opportunities');
    const body = (await (await fetch(`${h.fake.url}/opportunities/${FIXTURE_IDS.northwind}`, { headers: { 'x-api-key': h.fake.apiKey } })).json()) as Record<string, unknown>;
    h.fake.failNext({ kind: 'badShape', body: { ...body, modifiedAt: '2026-05-19T10:00:00.000Z' } }, { path: `/opportunities/${FIXTURE_IDS.northwind}` });
    assert.equal((await h.provider.fetchDeal(FIXTURE_IDS.northwind)).updatedAt, '2026-05-19T10:00:00.000Z');
  });

  it('getDeal: read-only custom attributes, stages, the tasks linked to it, the owners seen as users, raw unwrapped', async () => {
    const northwind = h.fake.state.opportunities.find((o) => o.id === FIXTURE_IDS.northwind)!;
    northwind.customAttributes.push({
      attributeDefinitionId: 'attr_budget', label: 'Budget', aiFillOngoing: false, aiOverridden: false, isFilledByAI: false,
      value: { viewType: 'customNumber', number: 125000 },
    });
    const detail = await h.provider.getDeal(FIXTURE_IDS.northwind);
    DealSchema.parse(detail.deal);
    for (const f of detail.fields) FieldDefSchema.parse(f);
    assert.deepEqual(detail.fields.map((f) => [f.key, f.label, f.kind, f.writable, f.reason]), [
      ['attr_fee_pct', 'Fee %', 'text', false, ATTRIBUTES_READ_ONLY],
      ['attr_source', 'Lead source', 'text', false, ATTRIBUTES_READ_ONLY],
      ['attr_budget', 'Budget', 'unknown', false, ATTRIBUTES_READ_ONLY],
    ]);
    assert.equal(ATTRIBUTES_READ_ONLY, "Spott's API does not document writing custom attributes");
    assert.match(detail.fields[1]!.description ?? '', /Spott AI/);
    assert.deepEqual(detail.deal.custom['attr_budget'], { kind: 'unknown', value: 125000 });
    assert.deepEqual(detail.stages.map((s) => s.id), USED_STAGES);
    assert.deepEqual(detail.tasks.map((t) => t.id), ['tsk_901']);
    for (const t of detail.tasks) TaskSchema.parse(t);
    assert.deepEqual(detail.users.map((u) => u.name), ['Lars Eriksen', 'Maya Okafor', 'Sam Recruiter'], 'deactivated owners are left out');
    assert.equal(detail.raw['name'], 'Northwind - Finance hiring 2026');
    assert.equal(detail.raw['stage.name'], 'Proposal sent');
    assert.equal(detail.raw['stage.viewType'], undefined);
    assert.equal(detail.raw['closeDate.target'], '2026-07-15T00:00:00.000Z');
    assert.equal(detail.raw['custom.Fee %'], '22');
    assert.equal(detail.raw['custom.Budget'], 125000);
    assert.equal(h.provider.webUrl({ kind: 'deal', dealId: FIXTURE_IDS.northwind }), undefined);
    // Cold: the opportunity, one pass over opportunities (for the stage select), one over tasks.
    const tasks = h.fake.state.tasks.length;
    assert.equal(h.fake.requests.length, 1 + passRequests(130) + passRequests(tasks));
    // Warm: only the opportunity.
    await h.provider.getDeal(FIXTURE_IDS.initech);
    assert.equal(h.fake.requests.length, 2 + passRequests(130) + passRequests(tasks));
  });

  it('describes itself as the brief says; nothing under src/providers/spott imports vscode', () => {
    const d = spottDescriptor;
    assert.deepEqual([d.id, d.displayName, d.icon, d.needsKey], ['spott', 'Spott', 'spott', true]);
    assert.match(d.keyHelp ?? '', /Settings → API Keys/);
    assert.deepEqual(d.baseUrl, { kind: 'none' });
    assert.deepEqual(d.capabilities, {
      updateDeal: true, moveStage: true, setOutcome: false, updateCustomFields: false, listTasks: true, createTask: true,
      updateTask: false, completeTask: false, deleteTask: false, search: false, openTasks: true,
    });
    assert.ok((d.rateLimit?.ratePerSecond ?? 0) * 60 <= 600, 'at most 600 a minute, the lower documented figure');
    const dir = join(__dirname, '../../../../src/providers/spott');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      assert.doesNotMatch(readFileSync(join(dir, file), 'utf8'), /from ['"]vscode['"]|require\(['"]vscode['"]\)/, file);
    }
  });

  it('uses api.gospott.com unless the account overrides it; plain http only on loopback', () => {
    assert.deepEqual(resolveBaseUrl(undefined), { ok: true, url: 'https://api.gospott.com' });
    assert.deepEqual(resolveBaseUrl('https://proxy.example.com/spott/'), { ok: true, url: 'https://proxy.example.com/spott' });
    assert.deepEqual(resolveBaseUrl('http://127.0.0.1:8788'), { ok: true, url: 'http://127.0.0.1:8788' });
    assert.equal(resolveBaseUrl('http://api.gospott.com').ok, false);
  });
});
