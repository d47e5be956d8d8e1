// The pipeline board in a real VS Code 1.96 (code-server) on the Sample CRM: opened from the
// tree, a card dragged with the mouse and moved with the keyboard (checked against the Sample CRM's
// data file and the tree's stage counts), a failed move with Retry, filters, and "Move to Stage…"
// from the tree's context menu.
import * as assert from 'node:assert/strict';

import {
  editorTabTitles, expandTreeRow, openViewContainer, readSampleData, readTreeRows, recordDialogs, sampleDataFile,
  simulateFailedWrite, treeRow, waitForDealPanel, readFieldValue, readWebviewProbe, waitForSampleData, waitForTreeRows, type StoredSampleData, type TreeRow,
} from '../workbench/index.js';
import {
  boardCard, boardColumn, boardPanel, dragCardWithMouse, openBoardFromTree, pressOnCard, readBoardColumns,
  waitForAnnouncement, waitForBoardColumns, type Board, type BoardColumnState,
} from '../workbench/ui/board.js';
import { pickQuickItem, quickPickRow, readQuickPickLabels, waitForQuickInput } from '../workbench/ui/quick-input.js';
import { useWorkbench } from './use-workbench.js';

const PIPELINE = 'pipeline-new-business';
const STAGES = ['Lead In', 'Qualified', 'Demo Scheduled', 'Proposal Sent', 'Negotiation', 'Closed Won', 'Closed Lost'];
const STAGE_IDS: Record<string, string> = {
  'Lead In': 'stage-nb-lead-in', Qualified: 'stage-nb-qualified', 'Demo Scheduled': 'stage-nb-demo',
  'Proposal Sent': 'stage-nb-proposal', Negotiation: 'stage-nb-negotiation', 'Closed Won': 'stage-nb-won', 'Closed Lost': 'stage-nb-lost',
};
const TITLE = 'New Business — Sample CRM';
const MARKUP_NAME = '<img src=x onerror=alert(1)> Markup Test Ltd';

describe('pipeline board on the Sample CRM', function () {
  const workbench = useWorkbench({ settings: { 'crmPipelines.accounts': [{ id: 'sample', provider: 'sample', label: 'Sample CRM' }] } });
  let dialogs: ReturnType<typeof recordDialogs>;
  let dataFile: string;
  let board: Board;

  before(function () {
    dialogs = recordDialogs(workbench().page);
    dataFile = sampleDataFile(workbench().profile.userDataDir);
  });

  after(function () {
    dialogs?.stop();
  });

  afterEach(function () {
    assert.deepEqual(dialogs.messages, [], 'a JavaScript dialog opened');
  });

  it('opens from the pipeline row: a column per stage with its count and totals; opening again reveals the same tab', async function () {
    const { page } = workbench();
    await openViewContainer(page);
    await expandTreeRow(page, 'Sample CRM');
    board = await openBoardFromTree(page, 'New Business', 'Sample CRM');
    const columns = await waitForBoardColumns(board, (c) => c.length === STAGES.length && c.every((col) => /^\d/.test(col.count)));
    assert.deepEqual(columns.map((c) => c.name), STAGES);
    const data = readSampleData(dataFile);
    for (const column of columns) {
      const stored = inStage(data, column.name);
      assert.equal(column.count, String(stored.length), `count of ${column.name}`);
      if (stored.length) assert.ok(column.cards.length > 0, `${column.name} draws cards`);
    }
    const qualified = columns.find((c) => c.name === 'Qualified')!;
    assert.match(qualified.stats, /^\d+ · [$€]/, 'a total per currency');
    assert.match(qualified.weighted, /^Weighted [$€]/);
    // Only what is in view is drawn: Lead In has 128 deals, far fewer cards exist.
    const leadIn = columns.find((c) => c.name === 'Lead In')!;
    assert.equal(leadIn.count, '128');
    assert.ok(leadIn.cards.length < 40, `Lead In draws ${leadIn.cards.length} cards`);

    // Scrolling Lead In near its end asks for its next page; still only what is in view is drawn.
    const leadInColumn = boardColumn(board, 'Lead In');
    assert.equal(((await leadInColumn.locator('.load-more').textContent()) ?? '').trim(), 'Load more (50 of 128)');
    await leadInColumn.locator('.column-body').evaluate((body) => { body.scrollTop = body.scrollHeight; });
    await leadInColumn.locator('.load-more', { hasText: 'Load more (100 of 128)' }).waitFor();
    assert.ok((await leadInColumn.locator('.card').count()) < 40);
    await leadInColumn.locator('.column-body').evaluate((body) => { body.scrollTop = 0; });

    // The markup deal of Qualified is drawn as text; nothing the CRM holds runs (CSP with a nonce).
    const markup = boardCard(board, MARKUP_NAME, 'Qualified');
    await markup.waitFor();
    assert.equal(await board.frame.locator('crm-board img, crm-board script, [onerror]').count(), 0);
    const probe = await readWebviewProbe(board);
    assert.deepEqual(probe.violations, [], 'CSP violations in the board');

    await openBoardFromTree(page, 'New Business', 'Sample CRM');
    assert.equal((await editorTabTitles(page)).filter((t) => t === TITLE).length, 1, 'one board per pipeline');
  });

  it('drags a card to another column: shown there, stored by the CRM, and the tree\'s counts follow', async function () {
    const { page } = workbench();
    await expandTreeRow(page, 'New Business');
    const treeBefore = await readTreeRows(page);
    const name = await uniqueCardName(board, 'Qualified', dataFile);
    const deal = readSampleData(dataFile).deals.find((d) => d.name === name)!;
    const before = await readBoardColumns(board);

    await dragCardWithMouse(board, name, { column: 'Demo Scheduled' });

    const after = await waitForBoardColumns(board, (c) => column(c, 'Demo Scheduled').cards[0] === name);
    assert.ok(!column(after, 'Qualified').cards.includes(name), 'gone from Qualified');
    assert.equal(Number(column(after, 'Demo Scheduled').count), Number(column(before, 'Demo Scheduled').count) + 1);
    assert.equal(Number(column(after, 'Qualified').count), Number(column(before, 'Qualified').count) - 1);
    const stored = await waitForSampleData(page, dataFile, (d) => d.deals.find((x) => x.id === deal.id && x.stageId === STAGE_IDS['Demo Scheduled']));
    assert.notEqual(stored.updatedAt, deal.updatedAt);
    await waitForBoardColumns(board, () => true);
    await waitForTreeRows(page, (rows) => stageCount(rows, 'Demo Scheduled') === stageCount(treeBefore, 'Demo Scheduled') + 1
      && stageCount(rows, 'Qualified') === stageCount(treeBefore, 'Qualified') - 1);
    await assertNoSavingCards(board);
  });

  it('moves a card with the keyboard (Alt+Shift+Right) and announces it', async function () {
    const { page } = workbench();
    const name = await uniqueCardName(board, 'Proposal Sent', dataFile);
    const deal = readSampleData(dataFile).deals.find((d) => d.name === name)!;
    await pressOnCard(board, name, 'Alt+Shift+ArrowRight');
    await waitForAnnouncement(board, new RegExp(`^"${escapeRegExp(name)}" moved to Negotiation\\.$`));
    await waitForBoardColumns(board, (c) => column(c, 'Negotiation').cards[0] === name);
    await waitForSampleData(page, dataFile, (d) => d.deals.find((x) => x.id === deal.id && x.stageId === STAGE_IDS.Negotiation));
    // Focus stays on the moved card, so it can be moved on.
    const focused = await board.frame.locator('.card:focus .card-title').textContent();
    assert.equal(focused, name);
    // Plain arrows move focus between cards.
    await board.frame.locator(':focus').press('ArrowDown');
    assert.notEqual(await board.frame.locator('.card:focus .card-title').textContent(), name);
  });

  it('a failed move goes back with the CRM\'s error on the card; Retry stores it', async function () {
    const { page } = workbench();
    const name = await uniqueCardName(board, 'Qualified', dataFile);
    const deal = readSampleData(dataFile).deals.find((d) => d.name === name)!;
    await simulateFailedWrite(page, 'server');
    board = await boardPanel(page, TITLE);
    await dragCardWithMouse(board, name, { column: 'Proposal Sent' });
    const error = boardCard(board, name, 'Qualified').locator('.card-error');
    await error.waitFor({ state: 'visible' });
    assert.match((await error.textContent()) ?? '', /Sample CRM.*simulated failure requested by a test/);
    assert.equal(readSampleData(dataFile).deals.find((d) => d.id === deal.id)?.stageId, STAGE_IDS.Qualified, 'nothing stored');

    await error.locator('vscode-button', { hasText: 'Retry' }).click();
    await waitForBoardColumns(board, (c) => column(c, 'Proposal Sent').cards[0] === name);
    await waitForSampleData(page, dataFile, (d) => d.deals.find((x) => x.id === deal.id && x.stageId === STAGE_IDS['Proposal Sent']));
    assert.equal(await boardCard(board, name).locator('.card-error').count(), 0);
  });

  it('the Won zone marks a deal won: the Sample CRM files it under Closed Won', async function () {
    const { page } = workbench();
    const name = await uniqueCardName(board, 'Negotiation', dataFile);
    const deal = readSampleData(dataFile).deals.find((d) => d.name === name)!;
    await dragCardWithMouse(board, name, { zone: 'won' });
    await waitForBoardColumns(board, (c) => column(c, 'Closed Won').cards[0] === name);
    const stored = await waitForSampleData(page, dataFile, (d) => d.deals.find((x) => x.id === deal.id && x.stageId === STAGE_IDS['Closed Won']));
    assert.equal(stored.outcome, 'won');
    assert.equal(await boardCard(board, name, 'Closed Won').locator('.card-badge.outcome-won').textContent(), 'Won');
  });

  it('clicking a card opens its deal panel', async function () {
    const { page } = workbench();
    const name = await uniqueCardName(board, 'Lead In', dataFile);
    await boardCard(board, name).click();
    const panel = await waitForDealPanel(page, name);
    assert.equal(await readFieldValue(panel, 'name'), name);
    board = await boardPanel(page, TITLE);
  });

  it('filters by text and hides won and lost', async function () {
    const name = await uniqueCardName(board, 'Demo Scheduled', dataFile);
    await board.frame.locator('#board-filter-text input').fill(name);
    const filtered = await waitForBoardColumns(board, (c) => c.every((col) => col.cards.every((card) => card === name)));
    assert.deepEqual(filtered.flatMap((c) => c.cards), [name]);
    await board.frame.locator('#board-filter-text input').fill('');
    await board.frame.locator('#board-hide-closed').click();
    const open = await waitForBoardColumns(board, (c) => !c.some((col) => col.name === 'Closed Won'));
    assert.deepEqual(open.map((c) => c.name), STAGES.slice(0, 5));
    await board.frame.locator('#board-hide-closed').click();
    await waitForBoardColumns(board, (c) => c.length === STAGES.length);
  });

  it('Move to Stage… from a deal\'s context menu: a pick of the stages with the current one marked, then stored', async function () {
    const { page } = workbench();
    await expandTreeRow(page, 'Qualified');
    const rows = await readTreeRows(page);
    const data = readSampleData(dataFile);
    const name = childrenOf(rows, 'Qualified').find((label) => data.deals.filter((d) => d.name === label).length === 1)!;
    const deal = data.deals.find((d) => d.name === name)!;
    await treeRow(page, name).click({ button: 'right' });
    const item = page.locator('.monaco-menu .action-item .action-label').getByText('Move to Stage…', { exact: true });
    await item.hover();
    await page.keyboard.press('Enter');
    await waitForQuickInput(page);
    await quickPickRow(page, 'Negotiation').waitFor();
    const labels = await readQuickPickLabels(page);
    assert.ok(labels.some((l) => /Qualified/.test(l)), `the stages are offered: ${JSON.stringify(labels)}`);
    const current = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'current stage' });
    assert.match((await current.textContent()) ?? '', /Qualified/);
    await pickQuickItem(page, 'Negotiation');
    await waitForSampleData(page, dataFile, (d) => d.deals.find((x) => x.id === deal.id && x.stageId === STAGE_IDS.Negotiation));
    // The board shows the same deal under its new stage.
    board = await boardPanel(page, TITLE);
    await waitForBoardColumns(board, (c) => column(c, 'Negotiation').cards[0] === name);
  });
});

function inStage(data: StoredSampleData, stageName: string) {
  return data.deals.filter((d) => d.pipelineId === PIPELINE && d.stageId === STAGE_IDS[stageName]);
}

function column(columns: BoardColumnState[], name: string): BoardColumnState {
  const found = columns.find((c) => c.name === name);
  assert.ok(found, `no column ${name}`);
  return found;
}

/** A drawn card of this column whose name no other deal has (cards are found by name). */
async function uniqueCardName(board: Board, columnName: string, dataFile: string): Promise<string> {
  const columns = await readBoardColumns(board);
  const stored = readSampleData(dataFile).deals.map((d) => d.name);
  const name = column(columns, columnName).cards.find((card) => stored.filter((n) => n === card).length === 1 && !/[<>]/.test(card));
  assert.ok(name, `a uniquely named card in ${columnName}`);
  return name;
}

async function assertNoSavingCards(board: Board): Promise<void> {
  await boardColumn(board, 'Demo Scheduled').locator('.card.saving').waitFor({ state: 'detached' });
}

function stageCount(rows: TreeRow[], stage: string): number {
  const description = rows.find((r) => r.label === stage)?.description ?? '';
  return Number(/^(\d+) ·/.exec(description)?.[1] ?? NaN);
}

function childrenOf(rows: TreeRow[], stage: string): string[] {
  const start = rows.findIndex((r) => r.label === stage);
  if (start < 0) return [];
  const children: string[] = [];
  for (const row of rows.slice(start + 1)) {
    if (row.level <= rows[start]!.level) break;
    children.push(row.label);
  }
  return children;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

