import assert from 'node:assert/strict';
import type { BoardCard, BoardColumn } from '../../../src/protocol/board-messages';
import { createCardFilter, NO_FILTERS, ownersOf, visibleColumns } from '../../../webview-ui/board/board-filters';
import { cardKeyAction, type KeyInput } from '../../../webview-ui/board/board-keys';
import { readSavedState } from '../../../webview-ui/board/saved-state';
import { scrollToShow, topOf, virtualWindow } from '../../../webview-ui/board/virtual-window';

function card(id: string, over: Partial<BoardCard> = {}): BoardCard {
  return { id, name: `Deal ${id}`, outcome: 'open', saving: false, ...over };
}

function column(stageId: string, cards: BoardCard[], outcome: BoardColumn['outcome'] = 'open'): BoardColumn {
  return { stageId, name: stageId, outcome, countText: String(cards.length), totalsText: '', weightedPartial: false, loaded: cards.length, hasMore: false, loading: false, cards };
}

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, code: '', altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...mods });

describe('Board webview: drawing only what is visible', () => {
  it('draws a few cards of five thousand, positioned exactly, wherever the column is scrolled', () => {
    const heights = Array.from({ length: 5000 }, () => 100);
    const top = virtualWindow(heights, 0, 600);
    assert.equal(top.start, 0);
    assert.equal(top.end, 10); // 6 in view + 4 below
    assert.equal(top.height, 500_000);
    const middle = virtualWindow(heights, 250_050, 600);
    assert.equal(middle.start, 2500 - 4);
    assert.equal(middle.end, 2507 + 4);
    assert.equal(middle.tops[0], (2500 - 4) * 100);
    const end = virtualWindow(heights, 499_400, 600);
    assert.equal(end.end, 5000);
  });

  it('places cards after a taller (failed) card lower, and scrolls just enough to show one', () => {
    const heights = [100, 180, 100, 100];
    assert.deepEqual(virtualWindow(heights, 0, 1000, 0).tops, [0, 100, 280, 380]);
    assert.equal(topOf(heights, 3), 380);
    assert.equal(scrollToShow(380, 100, 0, 300), 180);
    assert.equal(scrollToShow(100, 180, 200, 300), 100);
    assert.equal(scrollToShow(100, 100, 50, 300), 50, 'already in view: no scroll');
    assert.deepEqual(virtualWindow([], 0, 500), { start: 0, end: 0, tops: [], height: 0 });
  });
});

describe('Board webview: keys on a card', () => {
  const at = { column: 1, index: 2, sizes: [5, 4, 0, 7], outcomeZones: false };

  it('arrows move focus: up and down in the column, left and right to the nearest column with cards', () => {
    assert.deepEqual(cardKeyAction(key('ArrowUp'), at), { kind: 'focus', column: 1, index: 1 });
    assert.deepEqual(cardKeyAction(key('ArrowDown'), at), { kind: 'focus', column: 1, index: 3 });
    assert.equal(cardKeyAction(key('ArrowDown'), { ...at, index: 3 }), undefined, 'the last card stays focused');
    assert.deepEqual(cardKeyAction(key('ArrowLeft'), at), { kind: 'focus', column: 0, index: 2 });
    assert.deepEqual(cardKeyAction(key('ArrowRight'), at), { kind: 'focus', column: 3, index: 2 }, 'skips the empty column');
    assert.deepEqual(cardKeyAction(key('End'), at), { kind: 'focus', column: 1, index: 3 });
    assert.deepEqual(cardKeyAction(key('Enter'), at), { kind: 'open' });
  });

  it('Alt+Shift+arrows move the card to the previous or next column, even an empty one; W and L only with outcome zones', () => {
    const move = { altKey: true, shiftKey: true };
    assert.deepEqual(cardKeyAction(key('ArrowRight', move), at), { kind: 'move', column: 2 });
    assert.deepEqual(cardKeyAction(key('ArrowLeft', move), at), { kind: 'move', column: 0 });
    assert.equal(cardKeyAction(key('ArrowLeft', move), { ...at, column: 0 }), undefined);
    assert.equal(cardKeyAction(key('W', { ...move, code: 'KeyW' }), at), undefined);
    assert.deepEqual(cardKeyAction(key('„', { ...move, code: 'KeyW' }), { ...at, outcomeZones: true }), { kind: 'outcome', outcome: 'won' });
    assert.deepEqual(cardKeyAction(key('L', { ...move, code: 'KeyL' }), { ...at, outcomeZones: true }), { kind: 'outcome', outcome: 'lost' });
    assert.equal(cardKeyAction(key('ArrowRight', { ctrlKey: true }), at), undefined, 'Ctrl combinations are the workbench\'s');
  });
});

describe('Board webview: filters', () => {
  const columns = [
    column('s1', [card('a', { name: 'Zürich Präzision AG', owner: { id: 'u1', name: 'Ana' } }), card('b', { owner: { id: 'u2', name: 'Ben' } }), card('c', { outcome: 'won' })]),
    column('won', [card('d', { outcome: 'won', owner: { id: 'u1', name: 'Ana' } })], 'won'),
  ];

  it('matches the name or the owner, ignoring case and accents', () => {
    const filter = createCardFilter();
    assert.deepEqual(filter(columns[0]!, { ...NO_FILTERS, text: 'zurich prazision' }).map((c) => c.id), ['a']);
    assert.deepEqual(filter(columns[0]!, { ...NO_FILTERS, text: 'BEN' }).map((c) => c.id), ['b']);
    assert.deepEqual(filter(columns[0]!, { ...NO_FILTERS, ownerId: 'u1' }).map((c) => c.id), ['a']);
    assert.equal(filter(columns[0]!, NO_FILTERS), columns[0]!.cards, 'no filter: the column\'s own list');
  });

  it('"hide won and lost" hides won and lost cards and stages', () => {
    const hide = { ...NO_FILTERS, hideClosed: true };
    assert.deepEqual(visibleColumns(columns, hide).map((c) => c.stageId), ['s1']);
    assert.deepEqual(createCardFilter()(columns[0]!, hide).map((c) => c.id), ['a', 'b']);
    assert.deepEqual(ownersOf(columns), [{ id: 'u1', name: 'Ana' }, { id: 'u2', name: 'Ben' }]);
  });

  it('keeps filters across hiding the panel only when the saved state fits', () => {
    assert.deepEqual(readSavedState({ filters: { text: 'acme', ownerId: '', hideClosed: true }, activeDealId: 'd1' }),
      { filters: { text: 'acme', ownerId: '', hideClosed: true }, activeDealId: 'd1' });
    assert.deepEqual(readSavedState({ filters: { text: 5 } }), { filters: NO_FILTERS });
    assert.deepEqual(readSavedState(undefined), { filters: NO_FILTERS });
  });
});
