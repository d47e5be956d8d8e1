import assert from 'node:assert/strict';
import { toDecimal, toMinorUnits } from '../../../../src/providers/hindsight/decimal';
import { amountOf } from '../../../../src/providers/hindsight/map';
import { windowBudget } from '../../../../src/providers/hindsight/rate';
import { closedOutcome, discoverStatuses, orderStatuses, outcomeFromName } from '../../../../src/providers/hindsight/stages';

describe('Hindsight provider: stages, decimals and the rate budget', () => {
  it('reads won/lost from stage names the way CRMs write them', () => {
    for (const name of ['Won', 'Closed Won', 'closed_won', 'ClosedWon', 'closedwon', 'Won - Signed']) assert.equal(outcomeFromName(name), 'won', name);
    for (const name of ['Lost', 'Closed Lost', 'closedlost', 'Lost to competitor']) assert.equal(outcomeFromName(name), 'lost', name);
    for (const name of ['negotiation', 'Wonderland', 'Last Call', 'qualification']) assert.equal(outcomeFromName(name), undefined, name);
  });

  it('prefers the account mapping, exact then ignoring case, over the name', () => {
    assert.equal(closedOutcome('Closed Won', { 'Closed Won': 'lost' }), 'lost');
    assert.equal(closedOutcome('ON HOLD', { 'on hold': 'lost' }), 'lost');
    assert.equal(closedOutcome('Closed Won', undefined), 'won');
  });

  it('orders stages as a funnel from the transitions seen, closed stages last, cycles broken by name', () => {
    const outcome = (s: string) => (s === 'Won' ? 'won' : s === 'Lost' ? 'lost' : 'open') as 'open' | 'won' | 'lost';
    const order = orderStatuses(
      ['Lost', 'negotiation', 'Won', 'demo', 'intro'],
      [['intro', 'demo'], ['demo', 'negotiation'], ['negotiation', 'Won'], ['negotiation', 'Lost'], ['Won', 'intro']],
      outcome,
    );
    assert.deepEqual(order, ['intro', 'demo', 'negotiation', 'Won', 'Lost']);
  });

  it('discovery stops at a short page, excludes what it has seen, and walks pages when exclusion brings nothing', async () => {
    const calls: { notStatus?: string[]; pageIndex: number }[] = [];
    const rows = (status: string, n: number) => Array.from({ length: n }, () => ({ status_id: status, previous_status_id: undefined }));
    const found = await discoverStatuses(async (filter, pageIndex) => {
      calls.push({ notStatus: filter.notStatus, pageIndex });
      if (calls.length === 1) return rows('a', 100);
      if (calls.length === 2) return rows('b', 100);
      return rows('c', 3);
    });
    assert.deepEqual(found.statuses, ['a', 'b', 'c']);
    assert.deepEqual(calls.map((c) => c.notStatus), [[], ['a'], ['a', 'b']]);
    const walked: number[] = [];
    const fallback = await discoverStatuses(async (_filter, pageIndex) => {
      walked.push(pageIndex);
      return walked.length < 4 ? rows('a', 100) : rows('z', 1);
    });
    assert.deepEqual(walked, [0, 0, 1, 2]);
    assert.deepEqual(fallback.statuses, ['a', 'z']);
  });

  it('turns JSON numbers into exact decimal text, and says when 15 digits are exceeded', () => {
    assert.deepEqual(toDecimal(50000), { text: '50000', exact: true });
    assert.deepEqual(toDecimal(4.2), { text: '4.2', exact: true });
    assert.deepEqual(toDecimal(1234567890123.45), { text: '1234567890123.45', exact: true });
    assert.deepEqual(toDecimal(1e21), { text: '1000000000000000000000', exact: true });
    assert.deepEqual(toDecimal(1.5e-7), { text: '0.00000015', exact: true });
    assert.deepEqual(toDecimal(-0), { text: '0', exact: true });
    assert.deepEqual(toDecimal('18250.50'), { text: '18250.5', exact: true });
    assert.equal(toDecimal(12345678901234567.89)?.exact, false);
    assert.equal(toDecimal(Number.NaN), undefined);
    assert.equal(toDecimal('12abc'), undefined);
    assert.deepEqual(toMinorUnits('18250.5', 2), { minor: '1825050', scale: 2 });
    assert.deepEqual(toMinorUnits('-0.125', 2), { minor: '-125', scale: 3 });
  });

  it('amounts are Money in XXX ("no currency"), never a guessed currency', () => {
    assert.deepEqual(amountOf(50000), { minor: '5000000', scale: 2, currency: 'XXX' });
    assert.deepEqual(amountOf(18250.05), { minor: '1825005', scale: 2, currency: 'XXX' });
    assert.equal(amountOf(null), undefined);
  });

  it('spends 60 a minute as up to 59 in any minute, at once when needed', () => {
    const budget = windowBudget(60, 60_000, 2);
    assert.deepEqual(budget.window, { limit: 59, ms: 60_000 });
    assert.equal(budget.concurrency, 2);
    assert.deepEqual(windowBudget(1000, 60_000, 2).window, { limit: 999, ms: 60_000 });
  });
});
