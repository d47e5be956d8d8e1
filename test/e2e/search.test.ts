// "CRM: Search Deals…" in a real VS Code 1.96 (code-server) on the Sample CRM: typing part of a
// deal's name lists it, choosing it opens its panel and selects it in the Pipelines tree; a deal
// beyond the stage's loaded pages is put at the top of its stage as a "found" row.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  closeQuickInput, expandTreeRow, openViewContainer, readFieldValue, readSampleData, readTreeRows, runCommand, sampleDataFile, takeScreenshot,
  viewPane, waitForDealPanel, waitForTreeRows, type StoredSampleData, type StoredSampleDeal, type TreeRow,
} from '../workbench/index.js';
import {
  quickPickItemRow, quickPickPlaceholder, readQuickPickItems, typeIntoQuickPick, waitForQuickPickItems, waitForQuickPickTitled,
} from '../workbench/ui/quick-pick.js';
import { useWorkbench } from './use-workbench.js';

const PAGE_SIZE = 50;
const LEAD_IN = 'stage-nb-lead-in';
const NEGOTIATION = 'stage-nb-negotiation';

describe('search deals across accounts on the Sample CRM', function () {
  const workbench = useWorkbench({ settings: { 'crmPipelines.accounts': [{ id: 'sample', provider: 'sample', label: 'Sample CRM' }] } });
  let data: StoredSampleData;

  before(async function () {
    const { page, profile } = workbench();
    await openViewContainer(page);
    // Loading the account's pipelines writes the Sample CRM's data file the tests choose deals from.
    await expandTreeRow(page, 'Sample CRM');
    data = readSampleData(sampleDataFile(profile.userDataDir));
  });

  afterEach(async function () {
    await closeQuickInput(workbench().page);
  });

  it('lists a deal as part of its name is typed, opens its panel on choosing it, and selects it in the tree', async function () {
    const { page } = workbench();
    const deal = uniqueDeal(data, stageDeals(data, NEGOTIATION));
    const query = distinctivePart(data, deal);

    await openSearch(page);
    assert.equal(await quickPickPlaceholder(page), 'Search deals by name — server-side: Sample CRM');
    await typeIntoQuickPick(page, query);
    const items = await waitForQuickPickItems(page, (rows) => rows.some((r) => r.label === deal.name));
    await takeScreenshot(page, 'search-results');
    const item = items.find((r) => r.label === deal.name)!;
    assert.match(item.description, /^[$€][\d,.]+( \/ (month|year))? · Negotiation$/, 'amount · stage');
    assert.equal(item.detail, 'Sample CRM · Sample CRM', 'account · CRM');
    // Every result is for the text typed, not an earlier prefix of it.
    for (const row of items) {
      const stored = data.deals.find((d) => d.name === row.label);
      assert.ok(stored && matchesQuery(stored, query), `"${row.label}" does not match "${query}"`);
    }

    await quickPickItemRow(page, deal.name).click();
    const panel = await waitForDealPanel(page, deal.name);
    assert.equal(await readFieldValue(panel, 'name'), deal.name);

    const selected = await waitForSelectedRow(page, deal.name);
    assert.equal(selected.level, 4);
    const rows = await readTreeRows(page);
    const stage = rows.find((r) => r.label === 'Negotiation')!;
    assert.equal(stage.expanded, true, 'the stage was expanded to show the deal');
    assert.ok(selected.index > stage.index && selected.index <= stage.index + 12, 'the deal is listed under its stage');
    assert.doesNotMatch(selected.description, /found by search/, 'a deal on a loaded page is its own row');
  });

  it('puts a deal beyond the loaded pages at the top of its stage as a "found" row, leaving the count as it was', async function () {
    const { page } = workbench();
    // Lead In has more deals than one page: take one the first page does not hold.
    const beyond = stageDeals(data, LEAD_IN).slice(PAGE_SIZE);
    assert.ok(beyond.length > 0, 'Lead In needs more than one page of deals');
    const deal = uniqueDeal(data, beyond);
    const query = distinctivePart(data, deal);
    await expandTreeRow(page, 'New Business');
    const leadInBefore = (await readTreeRows(page)).find((r) => r.label === 'Lead In');
    assert.ok(leadInBefore?.expanded === false, 'the Lead In row is shown, collapsed');

    await openSearch(page);
    await typeIntoQuickPick(page, query);
    await waitForQuickPickItems(page, (rows) => rows.some((r) => r.label === deal.name));
    await quickPickItemRow(page, deal.name).click();
    await waitForDealPanel(page, deal.name);

    const selected = await waitForSelectedRow(page, deal.name);
    await takeScreenshot(page, 'search-found-row');
    assert.match(selected.description, /found by search$/);
    const rows = await waitForTreeRows(page, (visible) => visible.some((r) => r.label === 'Lead In' && r.expanded === true));
    const leadIn = rows.find((r) => r.label === 'Lead In')!;
    assert.equal(selected.index, leadIn.index + 1, 'at the top of its stage');
    assert.equal(leadIn.description, leadInBefore.description, 'the stage\'s count and totals are unchanged');
    assert.equal(leadIn.description.split(' · ')[0], String(stageDeals(data, LEAD_IN).length));
  });

  it('says so when nothing matches', async function () {
    const { page } = workbench();
    await openSearch(page);
    const query = 'qqzx no such deal';
    assert.ok(!data.deals.some((d) => matchesQuery(d, query)));
    await typeIntoQuickPick(page, query);
    const items = await waitForQuickPickItems(page, (rows) => rows.length > 0);
    assert.deepEqual(items.map((i) => i.label), [`No deals match "${query}"`]);
    assert.deepEqual(await readQuickPickItems(page), items);
  });
});

async function openSearch(page: Page): Promise<void> {
  await runCommand(page, 'CRM: Search Deals…');
  await waitForQuickPickTitled(page, 'Search Deals');
}

/** A stage's deals in the order the Sample CRM pages them: newest first, then by id. */
function stageDeals(data: StoredSampleData, stageId: string): StoredSampleDeal[] {
  const created = (d: StoredSampleDeal) => Date.parse(String(d.createdAt));
  return data.deals
    .filter((d) => d.stageId === stageId)
    .sort((a, b) => created(b) - created(a) || (a.id < b.id ? -1 : 1));
}

/** The first of these deals whose name no other deal shares (so its row and tab are unambiguous). */
function uniqueDeal(data: StoredSampleData, candidates: StoredSampleDeal[]): StoredSampleDeal {
  const deal = candidates.find((c) => !c.name.includes('<') && data.deals.filter((d) => d.name === c.name).length === 1);
  assert.ok(deal, 'a deal with a name of its own');
  return deal;
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

function matchesQuery(deal: StoredSampleDeal, query: string): boolean {
  const names = [deal.name, (deal.company as { name?: string } | undefined)?.name, (deal.contact as { name?: string } | undefined)?.name];
  return names.some((name) => name !== undefined && fold(name).includes(fold(query)));
}

/**
 * Part of the deal's name, from its start, just long enough that few deals match it: what a person
 * types to find one deal. Never the whole name, so the search is really by part of it.
 */
function distinctivePart(data: StoredSampleData, deal: StoredSampleDeal): string {
  for (let length = 3; length < deal.name.length; length += 1) {
    const part = deal.name.slice(0, length);
    if (part.endsWith(' ')) continue;
    if (data.deals.filter((d) => matchesQuery(d, part)).length <= 5) return part;
  }
  assert.fail(`no part of "${deal.name}" tells it apart`);
}

/** Waits for the Pipelines tree to select the row labelled `label`; returns it. */
async function waitForSelectedRow(page: Page, label: string, timeoutMs = 15_000): Promise<TreeRow> {
  const selected = viewPane(page).locator('.monaco-list-rows > .monaco-list-row[aria-selected="true"]');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await selected.evaluateAll((elements) => elements.map((row) => ({
      label: row.querySelector('.label-name')?.textContent ?? '',
      description: row.querySelector('.label-description')?.textContent ?? '',
      level: Number(row.getAttribute('aria-level') ?? '1'),
      expanded: undefined,
      index: Number(row.getAttribute('data-index') ?? '0'),
    })));
    const row = rows.find((r) => r.label === label);
    if (row) return row;
    if (Date.now() > deadline) throw new Error(`the tree did not select "${label}" within ${timeoutMs / 1000} s; selected: ${JSON.stringify(rows.map((r) => r.label))}`);
    await page.waitForTimeout(100);
  }
}
