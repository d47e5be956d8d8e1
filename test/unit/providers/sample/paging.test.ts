import assert from 'node:assert/strict';
import { SAMPLE_PAGE_SIZE, type SampleProvider } from '../../../../src/providers/sample';
import { CONTRACTING, LEAD_IN, makeTempDir, openSample, rejection, removeDir, sumByCurrency, totalsAsMap } from './helpers';

describe('Sample CRM stage paging', () => {
  let dir: string;
  let provider: SampleProvider;

  beforeEach(async () => {
    dir = await makeTempDir();
    provider = openSample(dir);
  });
  afterEach(() => removeDir(dir));

  it('walks a stage of over 100 deals in pages of 50, each id once, with whole-stage totals on every page', async () => {
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await provider.listDeals({ ...LEAD_IN, cursor });
      pages.push(page);
      cursor = page.next;
    } while (cursor);
    const deals = pages.flatMap((p) => p.items);
    assert.ok(deals.length > 100, `${deals.length} deals in Lead In`);
    assert.deepEqual(pages.map((p) => p.items.length), [50, 50, deals.length - 100]);
    assert.equal(pages.at(-1)?.next, undefined);
    assert.equal(new Set(deals.map((d) => d.id)).size, deals.length, 'no deal appears twice');
    assert.ok(deals.every((d) => d.stageId === LEAD_IN.stageId));

    const expected = sumByCurrency(deals);
    assert.equal(expected.size, 2, 'both currencies are in the stage');
    for (const page of pages) {
      assert.equal(page.total, deals.length);
      assert.deepEqual(totalsAsMap(page.totals), expected);
    }
  });

  it('keeps its place when a deal on an earlier page leaves the stage', async () => {
    const first = await provider.listDeals(LEAD_IN);
    await provider.updateDeal(first.items[0]!.id, { stageId: 'stage-nb-qualified' });
    const second = await provider.listDeals({ ...LEAD_IN, cursor: first.next });
    assert.equal(second.items.length, SAMPLE_PAGE_SIZE);
    const firstIds = new Set(first.items.map((d) => d.id));
    assert.ok(second.items.every((d) => !firstIds.has(d.id)));
  });

  it('shows an empty stage as no deals, zero count and no totals', async () => {
    const page = await provider.listDeals(CONTRACTING);
    assert.deepEqual(page.items, []);
    assert.equal(page.total, 0);
    assert.deepEqual(page.totals, []);
    assert.equal(page.next, undefined);
  });

  it('refuses a cursor it did not make and names unknown stages and pipelines', async () => {
    const bad = await rejection(provider.listDeals({ ...LEAD_IN, cursor: 'not-a-cursor' }));
    assert.equal(bad.kind, 'validation');
    assert.equal(bad.fieldErrors?.[0]?.field, 'cursor');
    const first = await provider.listDeals(LEAD_IN);
    const elsewhere = await rejection(provider.listDeals({ pipelineId: LEAD_IN.pipelineId, stageId: 'stage-nb-qualified', cursor: first.next }));
    assert.equal(elsewhere.kind, 'validation');
    assert.equal((await rejection(provider.listDeals({ ...LEAD_IN, stageId: 'stage-missing' }))).kind, 'notFound');
    assert.equal((await rejection(provider.listDeals({ ...LEAD_IN, pipelineId: 'pipeline-missing' }))).kind, 'notFound');
  });
});
