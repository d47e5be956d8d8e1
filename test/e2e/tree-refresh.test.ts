// A stage refreshed while collapsed, in a real VS Code 1.96 (code-server) against the Close fake
// (full pages of 250 deals): expanded again, the row gets its count back and a click on one of its
// deals opens the deal's panel. The count used to arrive as VS Code finished taking the stage's
// rows; VS Code then dropped the rows' click commands without asking for the rows again, and a
// click did nothing ("Actual command not found").
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { startCloseFake } from '../fakes/close/index.js';
import {
  closeEditorTab, expandTreeRow, openViewContainer, treeRow, waitForDealPanel, waitForTreeRows, type TreeRow,
} from '../workbench/index.js';
import { lazyAccounts, refreshRow, setApiKeyFromPalette, useFake } from './crms/support.js';
import { useWorkbench } from './use-workbench.js';

const ACCOUNT = 'Close (refresh)';

describe('a stage refreshed while collapsed, expanded again', function () {
  const fake = useFake(() => startCloseFake({ deals: 2_000, stages: 8, ratePerSecond: 0 }));
  const workbench = useWorkbench({ settings: lazyAccounts(() => [{ id: 'close-refresh', provider: 'close', label: ACCOUNT, baseUrl: fake().url }]) });
  let stage: string;

  before(async function () {
    this.timeout(60_000);
    const { page } = workbench();
    const sales = fake().state.pipelines.find((p) => p.name === 'Sales')!;
    stage = String(fake().state.statuses.find((s) => s.id === sales.statusIds[0])!.label);
    await openViewContainer(page);
    assert.equal(await setApiKeyFromPalette(page, undefined, fake().apiKey), undefined);
    await expandTreeRow(page, ACCOUNT);
    await expandTreeRow(page, 'Sales');
  });

  it('shows its count again and opens a deal clicked in it, each time', async function () {
    this.timeout(120_000);
    const { page } = workbench();
    for (let round = 1; round <= 3; round += 1) {
      await collapseRow(page, stage);
      await refreshRow(page, stage);
      await waitForTreeRows(page, (rows) => stageRow(rows)?.description === '');
      await expandTreeRow(page, stage);
      const rows = await waitForTreeRows(page, (visible) => /^250 · /.test(stageRow(visible)?.description ?? ''));
      const deal = dealsUnder(rows).find((row, _, all) => all.filter((r) => r.label === row.label).length === 1);
      assert.ok(deal, `the stage lists a deal with a name of its own (round ${round})`);
      // The count comes with a redraw of the stage, after which VS Code takes its rows again.
      await page.waitForTimeout(500);
      await treeRow(page, deal.label).click();
      await waitForDealPanel(page, deal.label, { timeoutMs: 10_000 });
      await closeEditorTab(page, deal.label);
    }
  });

  function stageRow(rows: TreeRow[]): TreeRow | undefined {
    return rows.find((r) => r.label === stage && r.level === 3);
  }

  /** The deal rows drawn right under the stage, top to bottom. */
  function dealsUnder(rows: TreeRow[]): TreeRow[] {
    const start = rows.findIndex((r) => r.label === stage && r.level === 3);
    const deals: TreeRow[] = [];
    for (const row of rows.slice(start + 1)) {
      if (row.level !== 4) break;
      deals.push(row);
    }
    return deals;
  }
});

async function collapseRow(page: Page, label: string): Promise<void> {
  const row = treeRow(page, label);
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
  await row.and(page.locator('[aria-expanded="false"]')).waitFor();
}
