import assert from 'node:assert/strict';
import { cardView, columnView, staleDays, type CardContext, type ListState } from '../../../src/board/board-columns';
import { BoardFormat } from '../../../src/board/board-format';
import { isOverdue, nextDueByDeal } from '../../../src/board/next-due';
import { scaleTotals, weightedTotals } from '../../../src/board/weighted-total';
import { money, type Deal, type Stage } from '../../../src/model';
import { BoardToHostSchema, HostToBoardSchema } from '../../../src/protocol/board-messages';
import { formatAmount, formatCount, formatDay, formatInstant, formatTotals } from '../../../src/util/format';

const NOW = new Date(2026, 2, 10, 15, 30); // 10 March 2026, 15:30 local time
const context = (over: Partial<CardContext> = {}): CardContext => ({ now: NOW, staleAfterDays: 14, format: new BoardFormat('en-US'), nextDue: new Map(), ...over });

function aDeal(over: Partial<Deal> = {}): Deal {
  return { id: 'd1', name: 'Acme', outcome: 'open', custom: {}, ...over };
}

function list(items: Deal[], over: Partial<ListState> = {}): ListState {
  return { items, total: items.length, totals: undefined, hasMore: false, hasFirstPage: true, isLoading: false, error: undefined, ...over };
}

const stage = (over: Partial<Stage> = {}): Stage => ({ id: 's1', pipelineId: 'p1', name: 'Qualified', order: 0, outcome: 'open', ...over });
const content = (deals: Deal[]) => ({ deals, cards: [], countDelta: 0, amountDelta: [] });

describe('Board: weighted totals are exact', () => {
  it('sums amount × probability per currency and rounds each sum once, half away from zero', () => {
    const totals = weightedTotals([
      { amount: money(1001, 2, 'USD'), probability: 50 }, // 5.005
      { amount: money(1001, 2, 'USD'), probability: 50 }, // 5.005 → 10.01 together, not 10.02 from rounding each
      { amount: money(333, 2, 'EUR'), probability: 12.5 },
    ]);
    assert.deepEqual(totals, [money(42, 2, 'EUR'), money(1001, 2, 'USD')]);
    assert.deepEqual(weightedTotals([{ amount: money(-5, 2, 'USD'), probability: 50 }]), [money(-3, 2, 'USD')]);
  });

  it('keeps amounts beyond 2^53 exact and never adds currencies together', () => {
    const huge = '90071992547409931'; // more digits than a double holds
    const totals = weightedTotals([
      { amount: { minor: huge, scale: 2, currency: 'USD' }, probability: 100 },
      { amount: { minor: huge, scale: 2, currency: 'USD' }, probability: 40 },
      { amount: money(5, 0, 'JPY'), probability: 100 },
    ]);
    assert.deepEqual(totals.map((m) => [m.currency, m.minor]), [['JPY', '5'], ['USD', (BigInt(huge) * 14n / 10n).toString()]]);
  });

  it('adds amounts of one currency at different scales at the larger scale', () => {
    assert.deepEqual(weightedTotals([
      { amount: money(150, 2, 'USD'), probability: 100 },
      { amount: money(1_250_000, 6, 'USD'), probability: 100 },
    ]), [money(2_750_000, 6, 'USD')]);
    assert.deepEqual(scaleTotals([money(10_000, 2, 'EUR')], 25), [money(2_500, 2, 'EUR')]);
  });
});

describe('Board: columns', () => {
  it('counts and totals per currency come from the CRM\'s list; weighted uses each deal\'s probability, else the stage\'s', () => {
    const deals = [
      aDeal({ id: 'a', amount: money(100_00, 2, 'USD'), probability: 50 }),
      aDeal({ id: 'b', amount: money(200_00, 2, 'USD') }),
      aDeal({ id: 'c', amount: money(50_00, 2, 'EUR'), probability: 10 }),
    ];
    const column = columnView(stage({ probability: 20 }), list(deals, { totals: [money(50_00, 2, 'EUR'), money(300_00, 2, 'USD')] }), content(deals), new BoardFormat('en-US'));
    assert.equal(column.countText, '3');
    assert.equal(column.totalsText, '€50 + $300');
    assert.equal(column.weightedText, '€5 + $90'); // 100×50% + 200×20%
    assert.equal(column.weightedPartial, false);
  });

  it('with pages still to load: the CRM\'s count, a weighted total marked partial, or exact from the stage totals', () => {
    const deals = [aDeal({ amount: money(100_00, 2, 'USD'), probability: 50 })];
    const partial = columnView(stage(), list(deals, { total: 120, hasMore: true, totals: [money(9_000_00, 2, 'USD')] }), content(deals), new BoardFormat('en-US'));
    assert.equal(partial.countText, '120');
    assert.equal(partial.weightedText, '$50');
    assert.equal(partial.weightedPartial, true);
    const noOwn = [aDeal({ amount: money(100_00, 2, 'USD') })];
    const whole = columnView(stage({ probability: 10 }), list(noOwn, { total: 120, hasMore: true, totals: [money(9_000_00, 2, 'USD')] }), content(noOwn), new BoardFormat('en-US'));
    assert.equal(whole.weightedText, '$900');
    assert.equal(whole.weightedPartial, false);
  });

  it('without a count from the CRM: "50+" while pages remain, and no total until every deal is loaded', () => {
    const deals = Array.from({ length: 50 }, (_, i) => aDeal({ id: `d${i}`, amount: money(1_00, 2, 'USD') }));
    const column = columnView(stage(), list(deals, { total: undefined, hasMore: true }), content(deals), new BoardFormat('en-US'));
    assert.equal(column.countText, '50+');
    assert.equal(column.totalsText, '');
    assert.equal(column.weightedText, undefined, 'no probability anywhere');
    const loaded = columnView(stage(), list(deals, { total: undefined }), content(deals), new BoardFormat('en-US'));
    assert.equal(loaded.countText, '50');
    assert.equal(loaded.totalsText, '$50');
  });

  it('moves in flight change the count and totals at once; a currency that empties drops out', () => {
    const deals = [aDeal({ amount: money(70_00, 2, 'EUR') })];
    const column = columnView(stage(), list(deals, { totals: [money(70_00, 2, 'EUR'), money(10_00, 2, 'USD')] }),
      { deals, cards: [], countDelta: -1, amountDelta: [money(-10_00, 2, 'USD')] }, new BoardFormat('en-US'));
    assert.equal(column.countText, '0');
    assert.equal(column.totalsText, '€70');
  });
});

describe('Board: cards', () => {
  it('shows amount, owner, close date in the locale', () => {
    const card = cardView(aDeal({ amount: money(1_200_00, 2, 'USD'), amountPeriod: 'monthly', owner: { id: 'u1', name: 'Ana' }, expectedClose: '2026-04-01' }), context());
    assert.equal(card.amount, '$1,200.00 / month');
    assert.equal(card.owner?.name, 'Ana');
    assert.equal(card.closeDate, 'Apr 1, 2026');
  });

  it('is stale once it has not changed for the set number of days; won and lost deals never are', () => {
    const at = (days: number) => new Date(NOW.getTime() - days * 86_400_000 - 60_000).toISOString();
    assert.equal(staleDays(aDeal({ updatedAt: at(13) }), context()), undefined);
    assert.equal(staleDays(aDeal({ updatedAt: at(14) }), context()), 14);
    assert.equal(staleDays(aDeal({ updatedAt: at(14) }), context({ staleAfterDays: 30 })), undefined);
    assert.equal(staleDays(aDeal({ updatedAt: at(90), outcome: 'won' }), context()), undefined);
    assert.equal(staleDays(aDeal({ updatedAt: 'not a date' }), context()), undefined);
    assert.equal(cardView(aDeal({ updatedAt: at(20) }), context()).staleDays, 20);
  });

  it('the next task is overdue once its day has ended on this machine\'s calendar, or its moment has passed', () => {
    assert.equal(isOverdue({ kind: 'date', value: '2026-03-09' }, NOW), true);
    assert.equal(isOverdue({ kind: 'date', value: '2026-03-10' }, NOW), false, 'due today is not overdue yet');
    assert.equal(isOverdue({ kind: 'datetime', value: new Date(NOW.getTime() - 60_000).toISOString() }, NOW), true);
    assert.equal(isOverdue({ kind: 'datetime', value: new Date(NOW.getTime() + 60_000).toISOString() }, NOW), false);
    const card = cardView(aDeal(), context({ nextDue: new Map([['d1', { kind: 'date', value: '2026-03-09' }]]) }));
    assert.deepEqual(card.nextDue, { text: 'Mar 9, 2026', overdue: true });
  });

  it('the next task is each deal\'s earliest open dated task', () => {
    const task = (id: string, dealId: string | undefined, due?: string, done = false) => ({
      task: { id, title: id, done, ...(due ? { due: { kind: 'date' as const, value: due } } : {}) },
      ...(dealId ? { deal: { id: dealId, name: dealId } } : {}),
    });
    const next = nextDueByDeal([
      task('t1', 'a', '2026-05-01'), task('t2', 'a', '2026-04-01'), task('t3', 'a', '2026-01-01', true),
      task('t4', 'b'), task('t5', undefined, '2020-01-01'),
    ]);
    assert.deepEqual([...next.entries()], [['a', { kind: 'date', value: '2026-04-01' }]]);
  });
});

describe('Board: messages', () => {
  it('the webview may only ask for these operations, with ids and stage targets as strings', () => {
    assert.ok(BoardToHostSchema.safeParse({ type: 'move', dealId: 'd', fromStageId: 's1', target: { stageId: 's2' } }).success);
    assert.ok(BoardToHostSchema.safeParse({ type: 'move', dealId: 'd', fromStageId: 's1', target: { outcome: 'lost' } }).success);
    for (const bad of [
      { type: 'move', dealId: 'd', fromStageId: 's1', target: { outcome: 'open' } },
      { type: 'move', dealId: '', fromStageId: 's1', target: { stageId: 's2' } },
      { type: 'move', dealId: 'd', target: { stageId: 's2' } },
      { type: 'loadMore' },
      { type: 'executeCommand', command: 'x' },
    ]) assert.equal(BoardToHostSchema.safeParse(bad).success, false, JSON.stringify(bad));
  });

  it('the host\'s columns must be whole: a card without its move state is refused by the webview', () => {
    const column = columnView(stage(), list([aDeal()]), { ...content([aDeal()]), cards: [cardView(aDeal(), context())] }, new BoardFormat('en-US'));
    assert.ok(HostToBoardSchema.safeParse({ type: 'columns', columns: [column] }).success);
    const { saving: _saving, ...partialCard } = column.cards[0]!;
    assert.equal(HostToBoardSchema.safeParse({ type: 'columns', columns: [{ ...column, cards: [partialCard] }] }).success, false);
    assert.equal(HostToBoardSchema.safeParse({ type: 'announce', text: 'x'.repeat(2001) }).success, false);
  });
});

describe('Board: formatting matches the tree', () => {
  it('amounts, totals, days and times read as the Pipelines view shows them', () => {
    const format = new BoardFormat('de-DE');
    const amounts = [money(123_456_78, 2, 'EUR'), money(5, 0, 'JPY'), { minor: '9007199254740993', scale: 2, currency: 'USD' }, money(1_250_000, 6, 'USD')];
    for (const amount of amounts) {
      assert.equal(format.amount(amount, 'monthly'), formatAmount(amount, 'monthly', 'de-DE'));
      assert.equal(format.totals([amount]), formatTotals([amount], 'de-DE'));
    }
    assert.equal(format.totals(amounts), formatTotals(amounts, 'de-DE'));
    assert.equal(format.day('2026-03-01'), formatDay('2026-03-01', 'de-DE'));
    assert.equal(format.instant('2026-03-01T10:15:00Z'), formatInstant('2026-03-01T10:15:00Z', 'de-DE'));
    assert.equal(format.count(12345), formatCount(12345, 'de-DE'));
  });
});
