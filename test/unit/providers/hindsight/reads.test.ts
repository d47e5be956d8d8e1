import assert from 'node:assert/strict';
import { type Deal, DealSchema, FieldDefSchema, formatMoney, PipelineSchema, StageSchema } from '../../../../src/model';
import { AMOUNT_NOTE_KEY, hindsightDescriptor, resolveApiBase } from '../../../../src/providers/hindsight';
import { LARGE_AMOUNT_DEAL_INDEX, NO_AMOUNT_DEAL_INDEX, STAGES } from '../../../fakes/hindsight';
import {
  assertClientRequestsDocumented, clientRequests, dealsIn, discoveryRequests, fakeStatuses, type Harness, PIPELINE,
  rejectsWith, startHarness, stopHarness,
} from './helpers';

async function allDeals(h: Harness, stageId: string): Promise<{ deals: Deal[]; pages: number }> {
  const deals: Deal[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId, cursor });
    pages++;
    deals.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return { deals, pages };
}

/** Exact decimal text of a JSON number as the fake sends it. */
const text = (n: number): string => JSON.stringify(n);

describe('Hindsight provider: reads', function () {
  let h: Harness;

  beforeEach(async () => {
    h = await startHarness({ fake: { deals: 250 } });
  });
  afterEach(async function () {
    if (this.currentTest?.state === 'passed') assertClientRequestsDocumented(h);
    await stopHarness(h);
  });

  it('checks the key with one GET /deals?count=true, Bearer auth', async () => {
    assert.deepEqual(await h.provider.checkKey(), {});
    assert.equal(h.fake.requests.length, 1);
    const [request] = h.fake.requests;
    assert.deepEqual(request?.query, { count: 'true' });
    assert.equal(request?.headers['authorization'], `Bearer ${h.fake.apiKey}`);
    assert.equal(request?.status, 200);
  });

  it('lists one "Deals" pipeline whose stages are the distinct status_id values, in funnel order, won/lost from their names', async () => {
    const pipelines = await h.provider.listPipelines();
    assert.equal(pipelines.length, 1);
    const [pipeline] = pipelines;
    PipelineSchema.parse(pipeline);
    assert.equal(pipeline!.id, 'deals');
    assert.equal(pipeline!.name, 'Deals');
    assert.match(pipeline!.note ?? '', /read-only/);
    assert.deepEqual(new Set(pipeline!.stages.map((s) => s.id)), new Set(fakeStatuses(h)));
    assert.deepEqual(pipeline!.stages.map((s) => s.name), [
      STAGES.qualification, STAGES.discovery, STAGES.proposal, STAGES.negotiation, STAGES.onHold, STAGES.won, STAGES.lost,
    ]);
    assert.deepEqual(pipeline!.stages.map((s) => s.order), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(pipeline!.stages.map((s) => s.outcome), ['open', 'open', 'open', 'open', 'open', 'won', 'lost']);
  });

  it('discovers stages economically: only the stage columns, 100 a page, then "is not" the stages seen; 2 requests for 250 deals', async () => {
    await h.provider.listPipelines();
    const requests = clientRequests(h);
    assert.equal(requests.length, discoveryRequests(h.fake.state.deals));
    assert.equal(requests.length, 2);
    assert.deepEqual(requests[0]?.query, { columns: 'id,status_id,previous_status_id', page_size: '100', page_index: '0' });
    assert.equal(requests[1]?.query['status_filter_type'], 'is not');
    assert.deepEqual(new Set(JSON.parse(String(requests[1]?.query['status'])) as string[]), new Set(fakeStatuses(h)));
  });

  it('finds a rare stage deep in 1,000 deals in 2 requests, not 10, placed after the stage its deal came from', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 1000 } });
    for (const deal of h.fake.state.deals) deal.status_id = STAGES.negotiation;
    Object.assign(h.fake.state.deals.at(-1)!, { status_id: 'Churned', previous_status_id: STAGES.negotiation });
    const [pipeline] = await h.provider.listPipelines();
    assert.deepEqual(pipeline!.stages.map((s) => s.id), [STAGES.negotiation, 'Churned']);
    assert.equal(clientRequests(h).length, 2);
  });

  it('falls back to reading every page of the stage columns when a full page brings no new stage', async () => {
    // The "is not" filter answered as if it had been ignored: 100 deals of a stage already seen.
    const page0 = dealsIn(h, STAGES.lost).slice(0, 1).map((d) => ({ id: d.id, status_id: d.status_id, previous_status_id: d.previous_status_id }));
    h.fake.failNext({ kind: 'badShape', body: Array.from({ length: 100 }, () => page0[0]) }, { query: { status_filter_type: 'is not' } });
    const [pipeline] = await h.provider.listPipelines();
    assert.deepEqual(new Set(pipeline!.stages.map((s) => s.id)), new Set(fakeStatuses(h)));
    const requests = clientRequests(h);
    assert.deepEqual(requests.map((r) => r.query['page_index']), ['0', '0', '1', '2']);
    assert.ok(requests.slice(2).every((r) => r.query['status'] === undefined));
  });

  it('reads whole records for discovery when Hindsight refuses the columns, and keeps doing so', async () => {
    h.fake.failNext({ kind: 'status', status: 400, message: 'Invalid column name: previous_status_id' }, { query: { page_index: '0' } });
    const [pipeline] = await h.provider.listPipelines();
    assert.equal(pipeline!.stages.length, fakeStatuses(h).length);
    const requests = clientRequests(h);
    assert.equal(requests[0]?.status, 400);
    assert.ok(requests.slice(1).every((r) => r.query['columns'] === undefined));
    assert.ok(h.logs.some((l) => l.startsWith('warn') && l.includes('Invalid column name')));
    h.fake.clearRequests();
    await h.provider.listPipelines();
    assert.ok(clientRequests(h).every((r) => r.query['columns'] === undefined));
  });

  it('maps won/lost from the account\'s stageOutcomes (ignoring case) before names, and lists mapped stages that have no deals', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 250 }, stageOutcomes: { 'on hold': 'lost', Disqualified: 'lost', 'Closed Won': 'won' } });
    const [pipeline] = await h.provider.listPipelines();
    const outcome = Object.fromEntries(pipeline!.stages.map((s) => [s.id, s.outcome]));
    assert.equal(outcome[STAGES.onHold], 'lost');
    assert.equal(outcome['Disqualified'], 'lost');
    assert.equal(outcome[STAGES.won], 'won');
    assert.equal(outcome[STAGES.lost], 'lost', 'from its name');
    assert.equal(outcome[STAGES.negotiation], 'open');
    assert.deepEqual(pipeline!.stages.slice(-4).map((s) => s.outcome), ['won', 'lost', 'lost', 'lost']);
    const empty = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'Disqualified' });
    assert.deepEqual(empty, { items: [], next: undefined, total: 0, totals: [] });
  });

  it('says nothing about won/lost when neither the names nor the account say it', async () => {
    for (const deal of h.fake.state.deals) deal.status_id = deal.status_id === STAGES.won ? 'stage_9' : deal.status_id === STAGES.lost ? 'stage_10' : deal.status_id;
    const [pipeline] = await h.provider.listPipelines();
    assert.ok(pipeline!.stages.every((s) => s.outcome === 'unknown'));
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: 'stage_9' });
    assert.ok(page.items.every((d) => d.outcome === 'unknown'));
  });

  it('lists a stage with the status filter in one request when it fits a page: amounts exact, ¤ totals, total without a count', async () => {
    await h.provider.listPipelines();
    h.fake.clearRequests();
    const stored = dealsIn(h, STAGES.negotiation);
    assert.ok(stored.length > 0 && stored.length < 100);
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: STAGES.negotiation });
    assert.equal(clientRequests(h).length, 1);
    assert.deepEqual(clientRequests(h)[0]?.query, {
      status: JSON.stringify([STAGES.negotiation]), status_filter_type: 'is any of', page_size: '100', page_index: '0',
    });
    assert.equal(page.total, stored.length);
    assert.equal(page.next, undefined);
    assert.deepEqual(page.items.map((d) => d.id), stored.map((d) => d.id));
    for (const [i, deal] of page.items.entries()) {
      DealSchema.parse(deal);
      const record = stored[i]!;
      assert.equal(deal.name, record.name);
      assert.equal(deal.pipelineId, 'deals');
      assert.equal(deal.stageId, STAGES.negotiation);
      assert.equal(deal.outcome, 'open');
      assert.equal(deal.expectedClose, record.proposal_due ?? undefined);
      assert.equal(deal.createdAt, record.created_at);
      assert.deepEqual(deal.owner, record.owner_id ? { id: record.owner_id, name: record.owner_id } : undefined);
      assert.equal(deal.custom['type']?.value, record.type);
      assert.equal(deal.custom['region']?.value, record.region ?? undefined);
      assert.equal(deal.webUrl, `${h.fake.url}/deals/${record.id}`);
      if (record.amount === null) assert.equal(deal.amount, undefined);
      else {
        assert.equal(deal.amount?.currency, 'XXX');
        const { minor, scale } = deal.amount!;
        const [whole, fraction = ''] = text(record.amount).split('.');
        assert.equal(BigInt(minor), BigInt(`${whole}${fraction.padEnd(scale, '0')}`));
      }
    }
    const cents = stored.reduce((n, d) => n + BigInt(Math.round((d.amount ?? 0) * 100)), 0n);
    assert.deepEqual(page.totals, [{ minor: cents.toString(), scale: 2, currency: 'XXX' }]);
    assert.match(formatMoney(page.totals![0]!, 'en-US'), /^¤/);
  });

  it('pages a large stage 100 at a time by page_index, sends no count, and the short last page ends it with its total', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 1200 } });
    const stored = dealsIn(h, STAGES.lost);
    assert.ok(stored.length > 300 && stored.length % 100 !== 0, `${stored.length} lost deals`);
    const first = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: STAGES.lost });
    assert.equal(first.items.length, 100);
    assert.equal(first.total, undefined, 'not counted with the page: the stage list asks countDeals when it needs to');
    assert.equal(first.next, '1');
    assert.equal(first.totals, undefined, 'no sum of a stage not read whole');
    h.fake.clearRequests();
    const { deals, pages } = await allDeals(h, STAGES.lost);
    assert.equal(pages, Math.ceil(stored.length / 100));
    assert.deepEqual(deals.map((d) => d.id), stored.map((d) => d.id));
    const requests = clientRequests(h);
    assert.equal(requests.filter((r) => r.query['count']).length, 0);
    assert.deepEqual(requests.map((r) => r.query['page_index']), Array.from({ length: pages }, (_, i) => String(i)));
    const last = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: STAGES.lost, cursor: String(pages - 1) });
    assert.equal(last.total, stored.length);
    assert.equal(last.next, undefined);
  });

  it('a stage of exactly 200: a full page cannot tell it is the last, so an empty third one ends the stage', async () => {
    await stopHarness(h);
    h = await startHarness({ fake: { deals: 300 } });
    h.fake.state.deals.forEach((d, i) => (d.status_id = i < 200 ? 'Evaluation' : 'Closed Won'));
    const { deals, pages } = await allDeals(h, 'Evaluation');
    assert.equal(deals.length, 200);
    assert.equal(pages, 3);
    assert.deepEqual(clientRequests(h).map((r) => r.query['page_index']), ['0', '1', '2']);
  });

  it('countDeals asks count=true for the stage alone and gives the number', async () => {
    const stored = dealsIn(h, STAGES.won);
    h.fake.clearRequests();
    assert.equal(await h.provider.countDeals!({ pipelineId: PIPELINE, stageId: STAGES.won }), stored.length);
    const [request, ...more] = clientRequests(h);
    assert.equal(more.length, 0);
    assert.equal(request!.query['count'], 'true');
    assert.match(String(request!.query['status']), new RegExp(STAGES.won));
    await rejectsWith(h, h.provider.countDeals!({ pipelineId: 'sales', stageId: STAGES.won }), 'notFound');
  });

  it('refuses a cursor that is not a page position, and another pipeline, without sending anything', async () => {
    const cursor = await rejectsWith(h, h.provider.listDeals({ pipelineId: PIPELINE, stageId: STAGES.won, cursor: 'abc' }), 'validation');
    assert.equal(cursor.fieldErrors?.[0]?.field, 'cursor');
    const other = await rejectsWith(h, h.provider.listDeals({ pipelineId: 'sales', stageId: STAGES.won }), 'notFound');
    assert.match(other.message, /one pipeline, "Deals"/);
    assert.equal(h.fake.requests.length, 0);
  });

  it('fetches one deal with the ids filter, one record, amount exact to 15 digits', async () => {
    const record = h.fake.state.deals[LARGE_AMOUNT_DEAL_INDEX]!;
    const deal = await h.provider.fetchDeal(record.id);
    assert.equal(h.fake.requests.length, 1);
    assert.deepEqual(h.fake.requests[0]?.query, { ids: JSON.stringify([record.id]), page_size: '1', page_index: '0' });
    assert.equal(deal.id, record.id);
    assert.deepEqual(deal.amount, { minor: '123456789012345', scale: 2, currency: 'XXX' });
    DealSchema.parse(deal);
  });

  it('getDeal: read-only fields for scores, drivers, competitors, CRM ids, type and region; no tasks, no users; raw flattened', async () => {
    await h.provider.listPipelines();
    h.fake.clearRequests();
    const record = h.fake.state.deals.find(
      (d) => d.deal_analyzed && d.drivers.some((x) => x.positive) && d.drivers.some((x) => !x.positive) && d.deal_competitor_associations.length >= 2 && d.salesforce_id,
    )!;
    assert.ok(record, 'a fully analysed deal in the seed');
    const detail = await h.provider.getDeal(record.id);
    assert.equal(h.fake.requests.length, 1, 'one request: the stages come from the pipeline already loaded');
    DealSchema.parse(detail.deal);
    for (const s of detail.stages) StageSchema.parse(s);
    assert.equal(detail.stages.length, fakeStatuses(h).length);
    assert.deepEqual(detail.tasks, []);
    assert.deepEqual(detail.users, []);
    for (const f of detail.fields) FieldDefSchema.parse(f);
    assert.ok(detail.fields.every((f) => f.writable === false && f.reason === "Hindsight's API is read-only"));
    const kinds = Object.fromEntries(detail.fields.map((f) => [f.key, f.kind]));
    assert.deepEqual(Object.fromEntries(Object.entries(kinds).filter(([k]) => !k.startsWith('wl_'))), {
      type: 'text', region: 'text', 'drivers.positive': 'textarea', 'drivers.negative': 'textarea',
      'competitors.primary': 'text', 'competitors.incumbent': 'text', 'competitors.other': 'text',
      deal_analyzed: 'boolean', analysis_verified: 'boolean', salesforce_id: 'text', hubspot_id: 'text', previous_status_id: 'text',
    });
    assert.equal(kinds['wl_product_fit_score'], 'number');
    assert.equal(kinds['wl_sales_execution_score'], 'number');
    assert.equal(kinds['wl_relationship_score'], 'number');
    const custom = detail.deal.custom;
    assert.deepEqual(custom['wl_product_fit_score'], { kind: 'number', value: text(record.wl_product_fit_score!) });
    const positive = record.drivers.filter((d) => d.positive);
    assert.deepEqual(custom['drivers.positive'], { kind: 'textarea', value: positive.map((d) => `• ${d.summary} (${d.reason_id})`).join('\n') });
    assert.equal(String(custom['drivers.negative']?.value).split('\n').length, record.drivers.length - positive.length);
    const primary = record.deal_competitor_associations.find((c) => c.is_primary)!;
    assert.match(String(custom['competitors.primary']?.value), new RegExp(`^${primary.competitor_id}`));
    assert.deepEqual(custom['salesforce_id'], { kind: 'text', value: record.salesforce_id });
    assert.deepEqual(custom['deal_analyzed'], { kind: 'boolean', value: true });
    assert.deepEqual(custom['type'], { kind: 'text', value: record.type });
    assert.equal(detail.raw['id'], record.id);
    assert.equal(detail.raw['amount'], record.amount);
    assert.equal(detail.raw['drivers[0].summary'], record.drivers[0]!.summary);
    assert.equal(detail.raw['deal_competitor_associations[1].competitor_id'], record.deal_competitor_associations[1]!.competitor_id);
    assert.equal(detail.raw['industry'], record.industry, 'extra keys (custom properties) are kept');
    assert.match(String(detail.raw[AMOUNT_NOTE_KEY]), /not given by Hindsight/);
  });

  it('getDeal of a deal without amount or analysis: empty values left out, raw keeps the nulls', async () => {
    const record = h.fake.state.deals[NO_AMOUNT_DEAL_INDEX]!;
    Object.assign(record, { deal_analyzed: false, wl_product_fit_score: null, drivers: [], deal_competitor_associations: [], region: null });
    const detail = await h.provider.getDeal(record.id);
    assert.equal(detail.deal.amount, undefined);
    assert.equal(detail.deal.custom['wl_product_fit_score'], undefined);
    assert.equal(detail.deal.custom['drivers.positive'], undefined);
    assert.equal(detail.deal.custom['region'], undefined);
    assert.equal(detail.raw['amount'], null);
    assert.deepEqual(detail.raw['drivers'], []);
    assert.equal(detail.raw[AMOUNT_NOTE_KEY], undefined);
    // No pipeline loaded yet: the panel gets the deal's own stage, without a discovery.
    assert.deepEqual(detail.stages.map((s) => s.id), [record.status_id]);
    assert.equal(h.fake.requests.length, 1);
  });

  it('never invents digits: an amount beyond 15 significant digits is left out (kept in raw), and the stage gets no sum', async () => {
    const base = h.fake.state.deals[0]!;
    const body = `[${JSON.stringify({ ...base, amount: 0 }).replace('"amount":0', '"amount":12345678901234567.89')}]`;
    h.fake.failNext({ kind: 'badShape', body }, { query: { page_index: '0' } });
    const page = await h.provider.listDeals({ pipelineId: PIPELINE, stageId: base.status_id });
    assert.equal(page.items[0]?.amount, undefined);
    assert.equal(page.totals, undefined);
    h.fake.failNext({ kind: 'badShape', body }, { query: { page_size: '1' } });
    const detail = await h.provider.getDeal(base.id);
    assert.equal(typeof detail.raw['amount'], 'number');
  });

  it('falls back to the record last listed when Hindsight answers an ids lookup with other deals; else a clear badResponse', async () => {
    const [target, other] = dealsIn(h, STAGES.negotiation);
    await h.provider.listDeals({ pipelineId: PIPELINE, stageId: STAGES.negotiation });
    h.fake.failNext({ kind: 'badShape', body: [other] }, { query: { page_size: '1' } });
    const deal = await h.provider.fetchDeal(target!.id);
    assert.equal(deal.id, target!.id);
    assert.ok(h.logs.some((l) => l.startsWith('warn') && l.includes('ids filter')));
    const unlisted = dealsIn(h, STAGES.won)[0]!;
    h.fake.failNext({ kind: 'badShape', body: [other] }, { query: { page_size: '1' } });
    const error = await rejectsWith(h, h.provider.fetchDeal(unlisted.id), 'badResponse');
    assert.match(error.message, /ids filter was not applied/);
  });

  it('a deal Hindsight does not return is notFound, saying so plainly', async () => {
    const error = await rejectsWith(h, h.provider.getDeal('deal_nope'), 'notFound');
    assert.match(error.message, /no deal "deal_nope"/);
  });

  it('links deals to /deals/{id} in the web app; no pipeline page', () => {
    assert.equal(h.provider.webUrl({ kind: 'deal', dealId: 'deal_1 2' }), `${h.fake.url}/deals/deal_1%202`);
    assert.equal(h.provider.webUrl({ kind: 'pipeline', pipelineId: PIPELINE }), undefined);
  });

  it('uses Hindsight\'s own API unless the account gives a base URL; http only on loopback', () => {
    assert.deepEqual(resolveApiBase(undefined), { ok: true, apiBase: 'https://app.usehindsight.com/api/v1', appOrigin: 'https://app.usehindsight.com' });
    for (const given of ['https://proxy.example.com', 'https://proxy.example.com/api/v1/', 'https://proxy.example.com/api/v1']) {
      assert.deepEqual(resolveApiBase(given), { ok: true, apiBase: 'https://proxy.example.com/api/v1', appOrigin: 'https://proxy.example.com' });
    }
    assert.equal(resolveApiBase('http://proxy.example.com').ok, false);
    assert.equal(resolveApiBase('http://127.0.0.1:9').ok, true);
    assert.equal(resolveApiBase('not a url').ok, false);
  });

  it('describes itself as the brief says: read-only, no tasks, server search, 60 requests a minute', () => {
    const d = hindsightDescriptor;
    assert.equal(d.id, 'hindsight');
    assert.equal(d.displayName, 'Hindsight');
    assert.equal(d.icon, 'hindsight');
    assert.equal(d.needsKey, true);
    assert.match(d.keyHelp ?? '', /Settings → Keys/);
    assert.deepEqual(d.baseUrl, { kind: 'none' });
    const { search, ...others } = d.capabilities;
    assert.equal(search, true);
    assert.ok(Object.values(others).every((v) => v === false));
    assert.equal(d.rateLimit?.ratePerSecond, 1);
  });
});
