import assert from 'node:assert/strict';
import type { Deal, Page } from '../../../src/model';
import { StageDealList } from '../../../src/accounts/stage-deal-list';

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A stage of `size` deals served 100 a page with no total, as Hindsight's bare arrays are. */
function stageWithoutTotals(size: number) {
  const fetched: (string | undefined)[] = [];
  const deals: Deal[] = Array.from({ length: size }, (_, i) => ({ id: `d${i}`, name: `Deal ${i}`, outcome: 'open', custom: {} }) as Deal);
  const fetchPage = async (cursor: string | undefined): Promise<Page<Deal>> => {
    fetched.push(cursor);
    const start = Number(cursor ?? 0);
    const items = deals.slice(start, start + 100);
    return items.length === 100 ? { items, next: String(start + 100) } : { items, total: start + items.length };
  };
  const counts: number[] = [];
  let redraws = 0;
  const list = new StageDealList(fetchPage, {
    count: async () => {
      counts.push(size);
      return size;
    },
    counted: () => redraws++,
    afterMs: 30,
  });
  return { list, fetched, counts, redraws: () => redraws };
}

describe('A stage whose pages carry no count', () => {
  it('shown but not read further: counted once after a quiet spell, and the views are told', async () => {
    const s = stageWithoutTotals(340);
    await s.list.ensureFirstPage();
    assert.equal(s.list.total, undefined, 'no count yet: the row says "100+"');
    await wait(80);
    assert.deepEqual(s.counts, [340]);
    assert.equal(s.list.total, 340);
    assert.equal(s.redraws(), 1);
  });

  it('read to its end: never counted, the last page gives the number', async () => {
    const s = stageWithoutTotals(340);
    await s.list.ensureFirstPage();
    while (s.list.hasMore) await s.list.loadMore();
    await wait(80);
    assert.deepEqual(s.counts, []);
    assert.equal(s.list.total, 340);
    assert.deepEqual(s.fetched, [undefined, '100', '200', '300']);
  });

  it('refreshed before the count was due: the old stage is not counted', async () => {
    const s = stageWithoutTotals(340);
    await s.list.ensureFirstPage();
    s.list.reset();
    await wait(80);
    assert.deepEqual(s.counts, []);
    assert.equal(s.list.total, undefined);
  });
});
