import * as assert from 'node:assert/strict';
import {
  activityBarItem, expandTreeRow, openViewContainer, readTreeRows, takeScreenshot, viewContainerTitle, viewWelcome,
  viewWelcomeButton, waitForTreeRow, waitForTreeRows,
} from '../workbench/index.js';
import { useWorkbench } from './use-workbench.js';

describe('first run: from the welcome to the Sample CRM\'s deals', () => {
  const workbench = useWorkbench({ settings: { 'crmPipelines.accounts': [] } });

  it('shows the CRM Pipelines container in the activity bar', async () => {
    await activityBarItem(workbench().page, viewContainerTitle).waitFor({ state: 'visible' });
  });

  it('offers to add an account or try the Sample CRM', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    await viewWelcomeButton(page, 'Try the Sample CRM').waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await viewWelcomeButton(page, 'Add Account…').isVisible(), 'no "Add Account…" button');
    assert.match((await viewWelcome(page).textContent()) ?? '', /Try the Sample CRM/);
    await takeScreenshot(page, 'e2e-welcome');
  });

  it('"Try the Sample CRM" adds it and opens its pipelines', async () => {
    const { page } = workbench();
    await viewWelcomeButton(page, 'Try the Sample CRM').click();
    const account = await waitForTreeRow(page, 'Sample CRM');
    assert.equal(account.description, 'Sample CRM');
    const rows = await waitForTreeRows(page, (r) => r.some((row) => row.label === 'Partnerships'));
    assert.deepEqual(rows.filter((r) => r.level === 2).map((r) => r.label), ['New Business', 'Renewals', 'Partnerships']);
  });

  it('expands a pipeline to stages with counts and totals, and a stage to deals with amounts', async () => {
    const { page } = workbench();
    await expandTreeRow(page, 'New Business');
    const stages = await waitForTreeRows(page, (r) => {
      const leadIn = r.find((row) => row.label === 'Lead In');
      return Boolean(leadIn?.description);
    });
    const leadIn = stages.find((r) => r.label === 'Lead In')!;
    assert.match(leadIn.description, /^128 · [$€][\d,]+ \+ [$€][\d,]+$/);
    await expandTreeRow(page, 'Lead In');
    const deals = (await readTreeRows(page)).filter((r) => r.level === 4);
    assert.ok(deals.length >= 5, `only ${deals.length} deal rows visible`);
    // "$12,400.00 · Mar 3, 2026", "$2,100.00 / year · …", or the date alone for a deal with no amount.
    const amountOrDate = /^([$€][\d,]+\.\d\d( \/ (month|year))?( · |$))?([A-Z][a-z]{2} \d{1,2}, \d{4})?$/;
    for (const deal of deals) assert.match(deal.description, amountOrDate, deal.label);
    assert.ok(deals.filter((d) => /^[$€]/.test(d.description)).length >= deals.length / 2, 'most deals show an amount');
    await takeScreenshot(page, 'e2e-sample-tree');
  });
});
