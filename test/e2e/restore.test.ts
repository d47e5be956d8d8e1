// After a window reload, VS Code brings back the deal panel and the pipeline board through their
// serializers, each loading its data afresh from the same account.
import * as assert from 'node:assert/strict';

import {
  activityBarItem, editorTab, editorTabTitles, expandTreeRow, openDealFromTree, openViewContainer, readFieldValue,
  readTreeRows, runCommand, viewContainerTitle, waitForDealPanel,
} from '../workbench/index.js';
import { boardPanel, openBoardFromTree, waitForBoardColumns } from '../workbench/ui/board.js';
import { useWorkbench } from './use-workbench.js';

const BOARD_TITLE = 'New Business — Sample CRM';

describe('panels after a window reload', function () {
  this.timeout(180_000);
  const workbench = useWorkbench({ settings: { 'crmPipelines.accounts': [{ id: 'sample', provider: 'sample', label: 'Sample CRM' }] } });

  it('brings back an open deal panel and an open board, each with its data', async function () {
    const { page } = workbench();
    await openViewContainer(page);
    await expandTreeRow(page, 'Sample CRM');
    await expandTreeRow(page, 'New Business');
    await expandTreeRow(page, 'Qualified');
    const dealName = (await readTreeRows(page)).find((r) => r.level === 4 && !r.label.startsWith('Load more') && !r.label.includes('<'))!.label;
    await openDealFromTree(page, dealName);
    const board = await openBoardFromTree(page, 'New Business', 'Sample CRM');
    const before = await waitForBoardColumns(board, (c) => c.length > 0 && c.every((col) => /^\d/.test(col.count)));
    // "Reload Window" shuts the window down properly, so VS Code saves which editors were open.
    await Promise.all([page.waitForEvent('load', { timeout: 60_000 }), runCommand(page, 'Developer: Reload Window')]);
    await page.locator('.part.activitybar').waitFor({ state: 'visible', timeout: 60_000 });
    await activityBarItem(page, viewContainerTitle).waitFor({ state: 'attached', timeout: 60_000 });
    await editorTab(page, BOARD_TITLE).first().waitFor({ state: 'visible', timeout: 60_000 });
    assert.ok((await editorTabTitles(page)).includes(dealName), 'the deal panel tab is back');

    const restoredBoard = await boardPanel(page, BOARD_TITLE, { timeoutMs: 60_000 });
    const after = await waitForBoardColumns(restoredBoard, (c) => c.length === before.length && c.every((col) => /^\d/.test(col.count)));
    assert.deepEqual(after.map((c) => [c.name, c.count]), before.map((c) => [c.name, c.count]));

    await editorTab(page, dealName).first().click();
    const panel = await waitForDealPanel(page, dealName, { timeoutMs: 60_000 });
    assert.equal(await readFieldValue(panel, 'name'), dealName);
    assert.equal(await readFieldValue(panel, 'stageId'), 'Qualified');
  });
});
