import assert from 'node:assert/strict';
import { totalsByCurrency, type Deal } from '../../../src/model';
import type { BoardColumn, HostToBoard } from '../../../src/protocol/board-messages';
import { deal, StubProvider, stubAccount, stubDescriptor } from '../helpers/stub-provider';
import { boardFor, NEW_BUSINESS, sampleBoard, settle } from './board-harness';

const QUALIFIED = 'stage-nb-qualified';
const DEMO = 'stage-nb-demo';

/** Column updates posted after `from`, in order. */
function columnPosts(posted: HostToBoard[], from: number): BoardColumn[][] {
  return posted.slice(from).flatMap((m) => (m.type === 'columns' ? [m.columns] : []));
}

async function storedDeals(sample: { listDeals: (q: { pipelineId: string; stageId: string; cursor?: string }) => Promise<{ items: Deal[]; next?: string }> }, stageId: string): Promise<Deal[]> {
  const all: Deal[] = [];
  let cursor: string | undefined;
  do {
    const page = await sample.listDeals({ pipelineId: NEW_BUSINESS, stageId, cursor });
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return all;
}

describe('BoardController on the Sample CRM', () => {
  it('opens with a column per stage in order, each with its count and exact totals, titled "<pipeline> — <account>"', async () => {
    const board = sampleBoard();
    await board.controller.load();
    await settle();
    assert.deepEqual(board.titles, ['New Business — Sample CRM']);
    assert.deepEqual(board.columns().map((c) => c.name),
      ['Lead In', 'Qualified', 'Demo Scheduled', 'Proposal Sent', 'Negotiation', 'Closed Won', 'Closed Lost']);
    const qualified = await storedDeals(board.sample, QUALIFIED);
    const column = board.column('Qualified');
    assert.equal(column.countText, String(qualified.length));
    const expected = totalsByCurrency(qualified.map((d) => d.amount))
      .map((m) => new Intl.NumberFormat('en-US', { style: 'currency', currency: m.currency, maximumFractionDigits: 0, minimumFractionDigits: 0 })
        .format(`${m.minor.slice(0, -2)}.${m.minor.slice(-2)}` as unknown as number)).join(' + ');
    assert.equal(column.totalsText, expected);
    assert.equal(column.cards.length, qualified.length);
    assert.ok(column.weightedText, 'Sample deals carry a probability');
    assert.equal(column.weightedPartial, false);
    // Lead In has more deals than one page: its weighted total covers what is loaded, and says so.
    const leadIn = board.column('Lead In');
    assert.equal(leadIn.countText, '128');
    assert.equal(leadIn.cards.length, 50);
    assert.equal(leadIn.hasMore, true);
    assert.equal(leadIn.weightedPartial, true);
    assert.equal(board.column('Closed Won').weightedText, undefined, 'no weighted total on a won stage');
  });

  it('shares the tree\'s stage lists: a stage the tree loaded is not fetched again', async () => {
    const board = sampleBoard();
    const pipelines = await board.session.pipelines();
    const stages = pipelines.find((p) => p.id === NEW_BUSINESS)!.stages;
    await Promise.all(stages.map((s) => board.session.stage(NEW_BUSINESS, s.id).ensureFirstPage()));
    const before = board.calls.filter((c) => c.method === 'listDeals').length;
    assert.equal(before, stages.length);
    await board.controller.load();
    assert.equal(board.calls.filter((c) => c.method === 'listDeals').length, before, 'no second fetch of any stage');
    assert.equal(board.calls.filter((c) => c.method === 'listPipelines').length, 1);
  });

  it('loads the next page of a column when asked, once even if asked twice', async () => {
    const board = sampleBoard();
    await board.controller.load();
    const leadIn = board.column('Lead In');
    const listCalls = () => board.calls.filter((c) => c.method === 'listDeals').length;
    const before = listCalls();
    await Promise.all([
      board.controller.handle({ type: 'loadMore', stageId: 'stage-nb-lead-in' }),
      board.controller.handle({ type: 'loadMore', stageId: 'stage-nb-lead-in' }),
    ]);
    await settle();
    assert.equal(listCalls(), before + 1);
    const after = board.column('Lead In');
    assert.equal(after.cards.length, 100);
    assert.equal(after.countText, '128');
    assert.equal(new Set(after.cards.map((c) => c.id)).size, 100);
    assert.deepEqual(after.cards.slice(0, 50).map((c) => c.id), leadIn.cards.map((c) => c.id));
  });

  it('moves a card at once, writes the stage, and confirms with the stored deal in the shared lists', async () => {
    const board = sampleBoard();
    await board.controller.load();
    await settle();
    const card = board.column('Qualified').cards.find((c) => c.outcome === 'open')!;
    const qualifiedCount = Number(board.column('Qualified').countText);
    const demoCount = Number(board.column('Demo Scheduled').countText);
    const mark = board.posted.length;

    await board.controller.handle({ type: 'move', dealId: card.id, fromStageId: QUALIFIED, target: { stageId: DEMO } });
    await settle();

    // First drawn: the card on top of Demo Scheduled, saving, with both counts already changed.
    const [optimistic] = columnPosts(board.posted, mark);
    const demoShown = optimistic!.find((c) => c.stageId === DEMO)!;
    assert.equal(demoShown.cards[0]!.id, card.id);
    assert.equal(demoShown.cards[0]!.saving, true);
    assert.equal(demoShown.countText, String(demoCount + 1));
    assert.ok(!optimistic!.find((c) => c.stageId === QUALIFIED)!.cards.some((c) => c.id === card.id));
    // Then confirmed.
    assert.deepEqual(board.writes().map((c) => c.args.slice(0, 2)), [[card.id, { stageId: DEMO }]]);
    const stored = (await board.sample.fetchDeal(card.id));
    assert.equal(stored.stageId, DEMO);
    const demo = board.column('Demo Scheduled');
    assert.equal(demo.cards[0]!.id, card.id);
    assert.equal(demo.cards[0]!.saving, false);
    assert.equal(demo.countText, String(demoCount + 1));
    assert.equal(board.column('Qualified').countText, String(qualifiedCount - 1));
    // The tree reads the same lists: the deal is under its new stage there too, and the counts follow.
    assert.ok(board.session.stage(NEW_BUSINESS, DEMO).items.some((d) => d.id === card.id));
    assert.ok(!board.session.stage(NEW_BUSINESS, QUALIFIED).items.some((d) => d.id === card.id));
    assert.equal(board.session.stage(NEW_BUSINESS, DEMO).total, demoCount + 1);
    assert.deepEqual(board.saved.map((d) => d.id), [card.id]);
    assert.deepEqual(board.announcements(), [`Moving "${card.name}" to Demo Scheduled…`, `"${card.name}" moved to Demo Scheduled.`]);
  });

  it('a failed move goes back to its column with the error on the card; Retry stores it', async () => {
    const board = sampleBoard();
    await board.controller.load();
    await settle();
    const card = board.column('Qualified').cards[0]!;
    const totalsBefore = board.column('Qualified').totalsText;
    board.sample.failNextWrite('server');
    await board.controller.handle({ type: 'move', dealId: card.id, fromStageId: QUALIFIED, target: { stageId: DEMO } });
    await settle();
    const back = board.column('Qualified').cards.find((c) => c.id === card.id);
    assert.ok(back, 'back in Qualified');
    assert.equal(back.saving, false);
    assert.match(back.error?.message ?? '', /Sample CRM.*simulated failure requested by a test/);
    assert.equal(back.error?.retryable, true);
    assert.equal(board.column('Qualified').totalsText, totalsBefore);
    assert.ok(!board.column('Demo Scheduled').cards.some((c) => c.id === card.id));
    assert.equal((await board.sample.fetchDeal(card.id)).stageId, QUALIFIED, 'nothing stored');
    assert.match(board.announcements().at(-1)!, /^Could not move ".*" to Demo Scheduled\. .*simulated failure/);

    await board.controller.handle({ type: 'retry', dealId: card.id });
    await settle();
    assert.equal((await board.sample.fetchDeal(card.id)).stageId, DEMO);
    const moved = board.column('Demo Scheduled').cards.find((c) => c.id === card.id);
    assert.equal(moved?.error, undefined);
    assert.equal(board.writes().length, 2);
  });

  it('Won and Lost zones set the outcome (the Sample CRM files the deal under its won stage)', async () => {
    const board = sampleBoard();
    await board.controller.load();
    await settle();
    assert.equal(board.posted.find((m) => m.type === 'board')?.type === 'board'
      && (board.posted.find((m) => m.type === 'board') as Extract<HostToBoard, { type: 'board' }>).view.outcomeZones, true);
    const card = board.column('Negotiation').cards[0]!;
    const wonCount = Number(board.column('Closed Won').countText);
    await board.controller.handle({ type: 'move', dealId: card.id, fromStageId: 'stage-nb-negotiation', target: { outcome: 'won' } });
    await settle();
    assert.deepEqual(board.writes().map((c) => c.args[1]), [{ outcome: 'won' }]);
    const stored = await board.sample.fetchDeal(card.id);
    assert.equal(stored.outcome, 'won');
    assert.equal(stored.stageId, 'stage-nb-won');
    assert.equal(board.column('Closed Won').cards[0]!.id, card.id);
    assert.equal(board.column('Closed Won').countText, String(wonCount + 1));
    assert.ok(!board.column('Negotiation').cards.some((c) => c.id === card.id));
  });

  it('follows a deal changed elsewhere (the deal panel) through the session', async () => {
    const board = sampleBoard();
    await board.controller.load();
    await settle();
    const card = board.column('Qualified').cards[0]!;
    const edited = await board.sample.updateDeal(card.id, { name: 'Renamed in the panel', stageId: DEMO });
    board.session.dealChanged(edited, QUALIFIED);
    await settle();
    assert.equal(board.column('Demo Scheduled').cards[0]?.name, 'Renamed in the panel');
    assert.ok(!board.column('Qualified').cards.some((c) => c.id === card.id));
  });

  it('opens a card\'s deal only when the deal is on this board', async () => {
    const board = sampleBoard();
    await board.controller.load();
    const card = board.column('Qualified').cards[0]!;
    await board.controller.handle({ type: 'openDeal', dealId: card.id });
    await board.controller.handle({ type: 'openDeal', dealId: 'deal-from-elsewhere' });
    assert.deepEqual(board.opened, [card.id]);
  });

  it('drops messages that do not fit the protocol, without acting on them', async () => {
    const board = sampleBoard();
    await board.controller.load();
    const before = board.posted.length;
    for (const bad of [
      { type: 'move', dealId: 5, fromStageId: QUALIFIED, target: { stageId: DEMO } },
      { type: 'move', dealId: 'd', fromStageId: QUALIFIED, target: { outcome: 'maybe' } },
      { type: 'runCommand', command: 'workbench.action.quit' },
      'ready',
      null,
    ]) await board.controller.handle(bad);
    assert.equal(board.posted.length, before);
    assert.equal(board.writes().length, 0);
    assert.equal(board.warnings.length, 5);
  });

  it('Reload forgets the pipeline\'s lists and fetches them again', async () => {
    const board = sampleBoard();
    await board.controller.load();
    const lists = board.calls.filter((c) => c.method === 'listDeals').length;
    await board.controller.handle({ type: 'reload' });
    assert.equal(board.invalidated(), 1);
    assert.equal(board.calls.filter((c) => c.method === 'listDeals').length, lists * 2);
  });
});

/** A CRM like ActiveCampaign: won/lost on the deal, which stays in its stage. */
class OutcomeOnDealProvider extends StubProvider {
  override async updateDeal(dealId: string, patch: { stageId?: string; outcome?: Deal['outcome'] }): Promise<Deal> {
    for (const deals of this.dealsByStage.values()) {
      const index = deals.findIndex((d) => d.id === dealId);
      if (index < 0) continue;
      const updated = { ...deals[index]!, ...(patch.outcome ? { outcome: patch.outcome } : {}), ...(patch.stageId ? { stageId: patch.stageId } : {}) };
      deals[index] = updated;
      return structuredClone(updated);
    }
    throw new Error(`no deal ${dealId}`);
  }
}

function stubBoard(capabilities: Partial<ReturnType<typeof stubDescriptor>['capabilities']>, displayName = 'Stub CRM') {
  const base = stubDescriptor();
  const descriptor = { ...base, displayName, capabilities: { ...base.capabilities, ...capabilities } };
  const provider = new OutcomeOnDealProvider(descriptor, 10);
  return { provider, ...boardFor(stubAccount, descriptor, provider, 'p1') };
}

describe('BoardController: what each kind of CRM allows', () => {
  it('outcome on the deal (ActiveCampaign): the Won zone marks the deal won and it stays in its stage', async () => {
    const board = stubBoard({ setOutcome: true });
    await board.controller.load();
    await settle();
    await board.controller.handle({ type: 'move', dealId: 'd1', fromStageId: 's1', target: { outcome: 'won' } });
    await settle();
    assert.deepEqual(board.writes().map((c) => c.args.slice(0, 2)), [['d1', { outcome: 'won' }]]);
    const card = board.column('Qualified').cards.find((c) => c.id === 'd1');
    assert.equal(card?.outcome, 'won');
    assert.equal(board.column('Qualified').countText, '7');
  });

  it('outcome through the stage (Close): no zones, and an outcome move is refused without a request', async () => {
    const board = stubBoard({ setOutcome: false });
    await board.controller.load();
    await settle();
    const view = board.posted.find((m): m is Extract<HostToBoard, { type: 'board' }> => m.type === 'board')!.view;
    assert.equal(view.outcomeZones, false);
    assert.equal(view.readOnly, undefined);
    await board.controller.handle({ type: 'move', dealId: 'd1', fromStageId: 's1', target: { outcome: 'lost' } });
    await settle();
    assert.equal(board.writes().length, 0);
    assert.match(board.column('Qualified').cards.find((c) => c.id === 'd1')?.error?.message ?? '', /sets won or lost through the stage/);
  });

  it('a read-only CRM (Hindsight): the board says why, and a move is refused on the card without any request', async () => {
    const board = stubBoard({ updateDeal: false, moveStage: false, setOutcome: false, updateCustomFields: false }, 'Hindsight');
    await board.controller.load();
    await settle();
    const view = board.posted.find((m): m is Extract<HostToBoard, { type: 'board' }> => m.type === 'board')!.view;
    assert.match(view.readOnly ?? '', /^Hindsight's API is read-only/);
    assert.equal(view.outcomeZones, false);
    await board.controller.handle({ type: 'move', dealId: 'd2', fromStageId: 's1', target: { stageId: 's2' } });
    await settle();
    assert.equal(board.writes().length, 0);
    const card = board.column('Qualified').cards.find((c) => c.id === 'd2');
    assert.match(card?.error?.message ?? '', /read-only/);
    assert.equal(card?.error?.retryable, false);
    assert.equal(board.column('Won').cards.length, 1, 'nothing moved');
    await board.controller.handle({ type: 'dismiss', dealId: 'd2' });
    await settle();
    assert.equal(board.column('Qualified').cards.find((c) => c.id === 'd2')?.error, undefined);
  });

  it('a card the key may not open (locked) cannot be moved', async () => {
    const board = stubBoard({});
    board.provider.dealsByStage.get('s1')![0] = { ...deal('d1', 's1', 100, 'USD'), locked: 'This API key has no access to this deal.' };
    await board.controller.load();
    await board.controller.handle({ type: 'move', dealId: 'd1', fromStageId: 's1', target: { stageId: 's2' } });
    await settle();
    assert.equal(board.writes().length, 0);
    assert.equal(board.column('Qualified').cards[0]?.error?.message, 'This API key has no access to this deal.');
  });

  it('next task dates come from the account\'s one open-task list, not a request per deal', async () => {
    const board = stubBoard({ openTasks: true });
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86_400_000);
    const day = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    Object.assign(board.provider, {
      listOpenTasks: async () => ({
        items: [
          { task: { id: 't1', title: 'Call', done: false, due: { kind: 'date', value: '2099-01-05' } }, deal: { id: 'd1', name: 'Deal d1' } },
          { task: { id: 't2', title: 'Send', done: false, due: { kind: 'date', value: day(yesterday) } }, deal: { id: 'd1', name: 'Deal d1' } },
          { task: { id: 't3', title: 'Later', done: false, due: { kind: 'date', value: '2099-02-01' } }, deal: { id: 'd2', name: 'Deal d2' } },
        ],
      }),
    });
    await board.controller.load();
    await settle();
    assert.equal(board.calls.filter((c) => c.method === 'listOpenTasks').length, 1);
    const cards = board.column('Qualified').cards;
    assert.equal(cards.find((c) => c.id === 'd1')?.nextDue?.overdue, true);
    assert.deepEqual(cards.find((c) => c.id === 'd2')?.nextDue, { text: 'Feb 1, 2099', overdue: false });
    assert.equal(cards.find((c) => c.id === 'd3')?.nextDue, undefined);
  });

  it('a task completed elsewhere (My Tasks, a deal panel) moves the card\'s next task date without a request', async () => {
    const board = stubBoard({ openTasks: true });
    Object.assign(board.provider, {
      listOpenTasks: async () => ({
        items: [
          { task: { id: 't1', title: 'Call', done: false, due: { kind: 'date', value: '2099-01-05' } }, deal: { id: 'd1', name: 'Deal d1' } },
          { task: { id: 't2', title: 'Send', done: false, due: { kind: 'date', value: '2099-03-01' } }, deal: { id: 'd1', name: 'Deal d1' } },
        ],
      }),
    });
    await board.controller.load();
    await settle();
    assert.equal(board.column('Qualified').cards.find((c) => c.id === 'd1')?.nextDue?.text, 'Jan 5, 2099');
    board.session.openTasks().taskChanged({ id: 't1', title: 'Call', done: true });
    await settle();
    assert.equal(board.column('Qualified').cards.find((c) => c.id === 'd1')?.nextDue?.text, 'Mar 1, 2099');
    assert.equal(board.calls.filter((c) => c.method === 'listOpenTasks').length, 1);
  });

  it('a CRM without open tasks: no task request, and the board says why no dates show', async () => {
    const board = stubBoard({ openTasks: false });
    await board.controller.load();
    assert.equal(board.calls.filter((c) => c.method === 'listOpenTasks').length, 0);
    const view = board.posted.find((m): m is Extract<HostToBoard, { type: 'board' }> => m.type === 'board')!.view;
    assert.match(view.tasksNote ?? '', /does not list open tasks/);
  });
});
