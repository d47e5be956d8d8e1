import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import type { SampleProvider } from '../../../../src/providers/sample';
import {
  allDealsOf, GENERATION_DAY, LEAD_IN, makeTempDir, openSample, QUALIFIED, rejection, removeDir, sumByCurrency, totalsAsMap,
} from './helpers';

describe('Sample CRM deal edits', () => {
  let dir: string;
  let provider: SampleProvider;

  beforeEach(async () => {
    dir = await makeTempDir();
    provider = openSample(dir);
  });
  afterEach(() => removeDir(dir));

  it('answers checkKey with the sample user and has no web app', async () => {
    assert.deepEqual(await provider.checkKey(), { user: 'Sample user' });
    assert.equal(provider.webUrl({ kind: 'deal', dealId: 'deal-0001' }), undefined);
  });

  it('keeps edits in the file: a new provider on the same folder sees them', async () => {
    const [deal] = (await provider.listDeals(QUALIFIED)).items;
    const stored = await provider.updateDeal(deal!.id, {
      name: 'Globex — 300 seats',
      expectedClose: '2026-06-30',
      description: null,
      custom: { cf_lead_source: { kind: 'select', value: 'event' }, cf_use_case: null },
    });
    assert.equal(stored.name, 'Globex — 300 seats');
    assert.ok(stored.updatedAt! > deal!.updatedAt!, 'updatedAt moves forward');

    const reopened = openSample(dir, { now: () => new Date('2030-01-01T00:00:00Z') });
    const { deal: reloaded } = await reopened.getDeal(deal!.id);
    assert.deepEqual(reloaded, stored);
    assert.equal(reloaded.description, undefined);
    assert.equal(reloaded.custom.cf_use_case, undefined);
    assert.deepEqual(reloaded.custom.cf_lead_source, { kind: 'select', value: 'event' });
  });

  it('moving a deal changes both stages\' counts and totals, and into a won stage marks it won', async () => {
    const qualifiedBefore = await provider.listDeals(QUALIFIED);
    const leadInBefore = await allDealsOf(provider, LEAD_IN);
    const moving = leadInBefore.find((d) => d.amount)!;

    const moved = await provider.updateDeal(moving.id, { stageId: 'stage-nb-won' });
    assert.equal(moved.outcome, 'won');
    assert.equal(moved.probability, 100);
    await provider.updateDeal(moving.id, { stageId: QUALIFIED.stageId });

    const leadInAfter = await provider.listDeals(LEAD_IN);
    const qualifiedAfter = await provider.listDeals(QUALIFIED);
    assert.equal(leadInAfter.total, leadInBefore.length - 1);
    assert.equal(qualifiedAfter.total, qualifiedBefore.total! + 1);
    const amount = BigInt(moving.amount!.minor);
    const currency = moving.amount!.currency;
    const before = sumByCurrency(leadInBefore).get(currency)!;
    assert.equal(totalsAsMap(leadInAfter.totals).get(currency), before - amount);
    assert.equal(
      totalsAsMap(qualifiedAfter.totals).get(currency),
      (totalsAsMap(qualifiedBefore.totals).get(currency) ?? 0n) + amount,
    );
  });

  it('setting only the outcome moves the deal to the won or lost stage', async () => {
    const [deal] = (await provider.listDeals(QUALIFIED)).items;
    const lost = await provider.updateDeal(deal!.id, { outcome: 'lost' });
    assert.equal(lost.stageId, 'stage-nb-lost');
    assert.equal(lost.outcome, 'lost');
  });

  it('keeps an amount beyond float precision exact through a write and a reload', async () => {
    const [deal] = (await provider.listDeals(QUALIFIED)).items;
    const huge = { minor: '9007199254740993', scale: 2, currency: 'USD' };
    assert.deepEqual((await provider.updateDeal(deal!.id, { amount: huge })).amount, huge);
    assert.match(await readFile(provider.dataFile, 'utf8'), /"9007199254740993"/);
    const reopened = openSample(dir);
    assert.deepEqual((await reopened.getDeal(deal!.id)).deal.amount, huge);
    const page = await reopened.listDeals(QUALIFIED);
    const expected = sumByCurrency(await allDealsOf(reopened, QUALIFIED)).get('USD');
    assert.equal(totalsAsMap(page.totals).get('USD'), expected);
  });

  it('getDeal gives the stages, fields, tasks, users and a flat raw record with unmapped attributes', async () => {
    const [deal] = (await provider.listDeals(LEAD_IN)).items;
    const detail = await provider.getDeal(deal!.id);
    assert.deepEqual(detail.stages.map((s) => s.name).slice(0, 2), ['Lead In', 'Qualified']);
    assert.equal(detail.fields.length, 15);
    assert.equal(detail.users.length, 6);
    assert.deepEqual(detail.tasks, await provider.listTasks(deal!.id));
    assert.equal(detail.raw.id, deal!.id);
    assert.equal(typeof detail.raw.source, 'string');
    assert.ok('stageName' in detail.raw && 'createdAt' in detail.raw);
    assert.ok(Object.values(detail.raw).every((v) => v === null || typeof v !== 'object' || Array.isArray(v)), 'flat');
    assert.ok(!('source' in detail.deal), 'unmapped attributes stay in raw');
  });

  it('hands out copies: changing what it returned changes nothing stored', async () => {
    const page = await provider.listDeals(QUALIFIED);
    const original = structuredClone(page.items[0]!);
    page.items[0]!.name = 'mutated';
    page.items[0]!.custom.cf_seats = { kind: 'number', value: '1' };
    page.totals![0]!.minor = '0';
    const pipelines = await provider.listPipelines();
    pipelines[0]!.stages.length = 0;
    const detail = await provider.getDeal(original.id);
    assert.deepEqual(detail.deal, original);
    detail.fields[0]!.label = 'mutated';
    assert.notEqual((await provider.getDeal(original.id)).fields[0]!.label, 'mutated');
    assert.equal((await provider.listPipelines())[0]!.stages.length, 7);
    assert.notEqual((await provider.listDeals(QUALIFIED)).totals![0]!.minor, '0');
  });

  it('says which deal does not exist', async () => {
    const missing = await rejection(provider.getDeal('deal-9999'));
    assert.equal(missing.kind, 'notFound');
    assert.match(missing.message, /deal-9999/);
    assert.equal((await rejection(provider.updateDeal('deal-9999', { name: 'x' }))).kind, 'notFound');
  });

  it('answers a cancelled call with a cancelled error', async () => {
    const slow = openSample(dir, { latencyMs: 200, now: () => GENERATION_DAY });
    const controller = new AbortController();
    const pending = slow.listPipelines(controller.signal);
    controller.abort();
    assert.equal((await rejection(pending)).kind, 'cancelled');
  });
});
