// Reads and drives the pipeline board (a webview) in the real workbench. The board's document is
// reached like the deal panel's (see deal-panel.ts): the active editor names its overlay in
// `aria-flowto`; the overlay's `iframe.webview.ready` holds `iframe#active-frame`.
// Columns are `section.column[data-stage-id]`, cards `.card[data-deal-id]` (only those scrolled
// into view exist: the columns are virtualised).
//
// Functions passed to evaluate() declare no named inner functions (tsx would wrap them in __name()).
import type { Locator, Page } from 'playwright-core';
import { activateWebviewEditor, waitForWebviewEditor, type WebviewEditor } from './webview-editor.js';
import { treeRow, waitForTreeRow } from './tree.js';

export type Board = WebviewEditor;

const BOARD_READY = '.board .columns, .board .banner-error';

export interface BoardColumnState {
  stageId: string;
  name: string;
  count: string;
  stats: string;
  weighted: string;
  /** Names of the cards drawn (those scrolled into view), top to bottom. */
  cards: string[];
}

const DEFAULT_TIMEOUT = 20_000;

/** Hovers the pipeline's row in the Pipelines tree and clicks its inline "Open Pipeline Board". */
export async function openBoardFromTree(page: Page, pipelineLabel: string, accountLabel: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<Board> {
  await waitForTreeRow(page, pipelineLabel, { timeoutMs });
  const row = treeRow(page, pipelineLabel);
  await row.hover();
  await row.locator('.actions .action-label[aria-label="Open Pipeline Board"]').click({ timeout: timeoutMs });
  return waitForBoard(page, `${pipelineLabel} — ${accountLabel}`, { timeoutMs });
}

/** Waits for the active tab to be the board titled `title` and for its columns to be drawn. */
export async function waitForBoard(page: Page, title: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<Board> {
  return waitForWebviewEditor(page, title, BOARD_READY, timeoutMs);
}

/** The board whose tab is titled `title`, activating the tab first when needed. */
export async function boardPanel(page: Page, title: string, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<Board> {
  return activateWebviewEditor(page, title, BOARD_READY, timeoutMs);
}

export function boardColumn(board: Board, name: string): Locator {
  return board.frame.locator('section.column').filter({ has: board.frame.locator('.column-name').getByText(name, { exact: true }) });
}

/** The drawn card of this deal name (in any column, or in `column` when given). */
export function boardCard(board: Board, dealName: string, column?: string): Locator {
  const scope = column ? boardColumn(board, column) : board.frame.locator('.columns');
  return scope.locator('.card').filter({ has: board.frame.locator('.card-title').getByText(dealName, { exact: true }) });
}

/** Every column's header and drawn cards, left to right. */
export async function readBoardColumns(board: Board): Promise<BoardColumnState[]> {
  return board.frame.locator('.columns').evaluate((columns) =>
    [...columns.querySelectorAll<HTMLElement>('section.column')].map((column) => ({
      stageId: column.dataset.stageId ?? '',
      name: (column.querySelector('.column-name')?.textContent ?? '').trim(),
      count: (column.querySelector('.column-count')?.textContent ?? '').trim(),
      stats: (column.querySelector('.column-stats')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      weighted: (column.querySelector('.column-weighted')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      cards: [...column.querySelectorAll<HTMLElement>('.card')]
        .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
        .map((card) => (card.querySelector('.card-title')?.textContent ?? '').trim()),
    })));
}

/** Polls the columns until `ready` holds; returns them. */
export async function waitForBoardColumns(board: Board, ready: (columns: BoardColumnState[]) => boolean, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<BoardColumnState[]> {
  const deadline = Date.now() + timeoutMs;
  let columns: BoardColumnState[] = [];
  for (;;) {
    columns = await readBoardColumns(board).catch(() => []);
    if (ready(columns)) return columns;
    if (Date.now() > deadline) throw new Error(`the board did not reach the expected state; columns: ${JSON.stringify(columns.map((c) => ({ name: c.name, count: c.count, cards: c.cards.slice(0, 5) })))}`);
    await board.page.waitForTimeout(100);
  }
}

/**
 * Drags a card onto a column (or 'won'/'lost' zone) with the real mouse: press on the card, move
 * in steps over the target, release. Chromium turns that into HTML5 dragstart/dragover/drop.
 */
export async function dragCardWithMouse(board: Board, dealName: string, target: { column: string } | { zone: 'won' | 'lost' }): Promise<void> {
  const card = boardCard(board, dealName).first();
  const drop = 'column' in target ? boardColumn(board, target.column).locator('.column-body') : board.frame.locator(`.drop-zone[data-zone="${target.zone}"]`);
  // Into a column's body just below its top; onto a zone at its centre.
  await card.dragTo(drop, 'column' in target ? { targetPosition: { x: 60, y: 40 } } : {});
}

/**
 * Drags by dispatching the HTML5 drag events inside the webview (dragstart on the card, dragover
 * and drop on the target, dragend), for when a real mouse drag cannot reach the nested frames.
 */
export async function dragCardByEvents(board: Board, dealName: string, target: { column: string } | { zone: 'won' | 'lost' }): Promise<void> {
  const card = boardCard(board, dealName).first();
  const drop = 'column' in target ? boardColumn(board, target.column).locator('.column-body') : board.frame.locator(`.drop-zone[data-zone="${target.zone}"]`);
  const transfer = await card.evaluateHandle(() => new DataTransfer());
  await card.dispatchEvent('dragstart', { dataTransfer: transfer });
  await drop.dispatchEvent('dragenter', { dataTransfer: transfer });
  await drop.dispatchEvent('dragover', { dataTransfer: transfer });
  await drop.dispatchEvent('drop', { dataTransfer: transfer });
  await card.dispatchEvent('dragend', { dataTransfer: transfer }).catch(() => undefined);
}

/** Focuses a card (a click would open its deal) and presses keys on it. */
export async function pressOnCard(board: Board, dealName: string, ...keys: string[]): Promise<void> {
  const card = boardCard(board, dealName).first();
  await card.focus();
  for (const key of keys) await board.frame.locator(':focus').press(key);
}

/** The text of the board's aria-live region. */
export async function readAnnouncement(board: Board): Promise<string> {
  return ((await board.frame.locator('#board-announcer').textContent()) ?? '').trim();
}

/** Waits for the live region to say something matching `pattern`; returns it. */
export async function waitForAnnouncement(board: Board, pattern: RegExp, { timeoutMs = DEFAULT_TIMEOUT } = {}): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = await readAnnouncement(board).catch(() => '');
    if (pattern.test(text)) return text;
    if (Date.now() > deadline) throw new Error(`the board did not announce ${pattern}; last: ${JSON.stringify(text)}`);
    await board.page.waitForTimeout(50);
  }
}
