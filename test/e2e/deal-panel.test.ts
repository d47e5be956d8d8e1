// The deal panel in a real VS Code 1.96 (code-server) on the Sample CRM: opened from the tree,
// every kind of edit shown at once and then as stored (checked against the Sample CRM's data
// file), tasks, a failed write with Retry, the tree following a stage change, and a deal whose
// name is markup.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  addTask, chooseFieldOption, editFieldText, editorTab, editorTabTitles, expandTreeRow, fieldError, installWebviewProbe, openDealFromTree,
  openViewContainer, readFieldValue, readSampleData, readWebviewProbe, readSampleDeal, readTasks, readTreeRows, recordDialogs, retryFieldEdit,
  sampleDataFile, setFieldOptions, setTaskDone, simulateFailedWrite, taskError, taskRow, treeRow, 
  waitForFieldError, waitForFieldSaved, waitForFieldValue, waitForSampleData, waitForTaskSaved, waitForTreeRows, waitForViewIdle, watchField,
  type DealPanel, type FieldState, type StoredSampleDeal, type TreeRow,
} from '../workbench/index.js';
import { useWorkbench } from './use-workbench.js';

const MARKUP_NAME = '<img src=x onerror=alert(1)> Markup Test Ltd';
const QUALIFIED = 'stage-nb-qualified';
const DEMO = 'stage-nb-demo';

describe('deal panel: open, edit and store on the Sample CRM', function () {
  const workbench = useWorkbench({ settings: { 'crmPipelines.accounts': [{ id: 'sample', provider: 'sample', label: 'Sample CRM' }] } });
  let dialogs: ReturnType<typeof recordDialogs>;
  let dataFile: string;
  /** The deal these tests edit: a Qualified deal of New Business with an open task. */
  let deal: StoredSampleDeal;
  let panel: DealPanel;

  before(async function () {
    dialogs = recordDialogs(workbench().page);
    // A webview's sandbox drops alert() silently: also record dialogs and CSP refusals inside it.
    await installWebviewProbe(workbench().page);
    dataFile = sampleDataFile(workbench().profile.userDataDir);
  });

  after(function () {
    dialogs?.stop();
  });

  afterEach(function () {
    // No test may open a dialog: the panel runs nothing a CRM's data holds.
    assert.deepEqual(dialogs.messages, [], 'a JavaScript dialog opened');
  });

  it('opens a deal from the tree in a panel titled with its name; opening it again reveals the same tab', async function () {
    const { page } = workbench();
    await openViewContainer(page);
    await expandTreeRow(page, 'Sample CRM');
    await expandTreeRow(page, 'New Business');
    await expandTreeRow(page, 'Qualified');
    const visible = (await readTreeRows(page)).filter((r) => r.level === 4).map((r) => r.label);
    const data = readSampleData(dataFile);
    const openTaskDeals = new Set(data.tasks.filter((t) => !t.done).map((t) => t.dealId));
    const candidates = data.deals.filter((d) => d.stageId === QUALIFIED && d.name !== MARKUP_NAME && d.amount && openTaskDeals.has(d.id)
      && visible.filter((label) => label === d.name).length === 1);
    assert.ok(candidates.length >= 2, `need two visible Qualified deals with open tasks; visible: ${JSON.stringify(visible)}`);
    deal = candidates[0]!;
    const other = candidates[1]!;

    panel = await openDealFromTree(page, deal.name);
    assert.equal(await readFieldValue(panel, 'name'), deal.name);
    assert.equal(await readFieldValue(panel, 'stageId'), 'Qualified');
    assert.match((await panel.frame.locator('.subtitle').textContent()) ?? '', /^Sample CRM · Sample CRM$/);
    const identity = await editorTab(page, deal.name).getAttribute('data-resource-name');

    await openDealFromTree(page, other.name);
    assert.deepEqual(await editorTabTitles(page), [deal.name, other.name]);

    // Again: the first deal's own tab comes forward; no second panel for it.
    panel = await openDealFromTree(page, deal.name);
    assert.deepEqual(await editorTabTitles(page), [deal.name, other.name]);
    assert.equal(await editorTab(page, deal.name).getAttribute('data-resource-name'), identity, 'the same webview panel');
    assert.match((await editorTab(page, deal.name).getAttribute('class')) ?? '', /\bactive\b/);
    assert.equal(await readFieldValue(panel, 'name'), deal.name);
  });

  it('edits the name: shown at once while saving, then stored; the tab title follows', async function () {
    const name = `${deal.name} & Co <renewed>`;
    const saved = await editAndWait(panel, 'name', () => editFieldText(panel, 'name', name), name);
    assert.equal(saved.name, name);
    await editorTab(panel.page, name).waitFor({ state: 'visible' });
    panel = { ...panel, title: name };
    deal = saved;
  });

  it('edits a multiselect custom field (Products): stored as option values in the field\'s order', async function () {
    const labels = ['Premium Support', 'Analytics'];
    const saved = await editAndWait(panel, 'custom:cf_products', () => setFieldOptions(panel, 'custom:cf_products', labels), 'Analytics, Premium Support');
    assert.deepEqual(saved.custom.cf_products, { kind: 'multiselect', value: ['analytics', 'support'] });
  });

  it('edits the expected close date', async function () {
    const saved = await editAndWait(panel, 'expectedClose', () => editFieldText(panel, 'expectedClose', '2027-03-15'), 'Mar 15, 2027');
    assert.equal(saved.expectedClose, '2027-03-15');
  });

  it('edits the amount: exact minor units in the deal\'s currency', async function () {
    const before = readSampleDeal(dataFile, deal.id);
    const currency = before.amount!.currency;
    const symbol = currency === 'EUR' ? '€' : currency === 'USD' ? '$' : assert.fail(`unexpected currency ${currency}`);
    const period = before.amountPeriod === 'annual' ? ' / year' : before.amountPeriod === 'monthly' ? ' / month' : '';
    const saved = await editAndWait(panel, 'amount', () => editFieldText(panel, 'amount', '15000.5'), `${symbol}15,000.50${period}`);
    assert.deepEqual(saved.amount, { minor: '1500050', scale: 2, currency });
  });

  it('edits a custom text field (Use case): markup in the value is stored and shown as text', async function () {
    const text = 'Forecasting for <b>the board</b> & ops';
    const saved = await editAndWait(panel, 'custom:cf_use_case', () => editFieldText(panel, 'custom:cf_use_case', text), text);
    assert.deepEqual(saved.custom.cf_use_case, { kind: 'text', value: text });
    assert.equal(await panel.frame.locator('crm-deal-panel b').count(), 0);
  });

  it('marks a task done and adds one; the Sample CRM stores both', async function () {
    const open = readSampleData(dataFile).tasks.find((t) => t.dealId === deal.id && !t.done);
    assert.ok(open, 'the deal has an open task');
    await setTaskDone(panel, open.title, true);
    await waitForTaskSaved(panel, open.title);
    assert.ok((await readTasks(panel)).find((t) => t.id === open.id)?.done, 'drawn as done');
    const stored = await waitForSampleData(panel.page, dataFile, (data) => data.tasks.find((t) => t.id === open.id && t.done));
    assert.equal(stored.title, open.title);

    const title = 'Send the <i>renewal</i> quote';
    await addTask(panel, title, '2027-02-03');
    await waitForTaskSaved(panel, title);
    const drawn = (await readTasks(panel)).find((t) => t.title === title);
    assert.ok(drawn, 'the new task is listed');
    assert.equal(drawn.done, false);
    assert.match(drawn.meta, /Due Feb 3, 2027/);
    assert.equal(await panel.frame.locator('.task-list i').count(), 0, 'the title is text, not markup');
    assert.equal(await panel.frame.locator('#new-task-title input').inputValue(), '', 'the form is cleared');
    const created = await waitForSampleData(panel.page, dataFile, (data) => data.tasks.find((t) => t.dealId === deal.id && t.title === title));
    assert.deepEqual(created.due, { kind: 'date', value: '2027-02-03' });
    assert.equal(created.done, false);
    assert.equal(drawn.id, created.id, 'the panel shows the stored task');
  });

  it('a failed write: the error beside the field, the previous value back, Retry stores it', async function () {
    const { page } = workbench();
    const before = readSampleDeal(dataFile, deal.id);
    const previous = await readFieldValue(panel, 'custom:cf_seats');
    const typed = String(Number(before.custom.cf_seats?.value ?? '0') + 7);
    await simulateFailedWrite(page, 'network');

    const watch = await watchField(panel, 'custom:cf_seats');
    await editFieldText(panel, 'custom:cf_seats', typed);
    const error = await waitForFieldError(panel, 'custom:cf_seats');
    assert.equal(error.message, 'simulated failure requested by a test');
    assert.equal(error.typedValue, typed);
    assert.equal(await readFieldValue(panel, 'custom:cf_seats'), previous, 'the previous value is shown again');
    assertSawOptimistic(await watch.states(), typed);
    assert.deepEqual(readSampleDeal(dataFile, deal.id).custom.cf_seats, before.custom.cf_seats, 'nothing stored');
    assert.equal(readSampleDeal(dataFile, deal.id).updatedAt, before.updatedAt);

    await retryFieldEdit(panel, 'custom:cf_seats');
    const stored = await waitForSampleData(page, dataFile, (data) => data.deals.find((d) => d.id === deal.id && d.custom.cf_seats?.value === typed));
    assert.deepEqual(stored.custom.cf_seats, { kind: 'number', value: typed });
    await waitForFieldSaved(panel, 'custom:cf_seats');
    await fieldError(panel, 'custom:cf_seats').waitFor({ state: 'detached' });
    assert.equal(await readFieldValue(panel, 'custom:cf_seats'), typed);
    const states = await watch.states();
    await watch.stop();
    assert.deepEqual(states.at(-1), { value: typed, saving: false, error: '', editing: false }, 'after Retry');
  });

  it('a failed task change: the task goes back, shows the error, and Retry stores it', async function () {
    const { page } = workbench();
    const open = readSampleData(dataFile).tasks.find((t) => t.dealId === deal.id && !t.done);
    assert.ok(open, 'an open task (the one added above)');
    await simulateFailedWrite(page, 'server');
    await setTaskDone(panel, open.title, true);
    await taskError(panel, open.title).waitFor();
    assert.match((await taskError(panel, open.title).textContent()) ?? '', /simulated failure requested by a test/);
    await waitForTaskSaved(panel, open.title);
    assert.equal((await readTasks(panel)).find((t) => t.id === open.id)?.done, false, 'unticked again');
    assert.equal(readSampleData(dataFile).tasks.find((t) => t.id === open.id)?.done, false, 'nothing stored');

    await taskError(panel, open.title).locator('vscode-button', { hasText: 'Retry' }).click();
    await taskError(panel, open.title).waitFor({ state: 'detached' });
    await waitForTaskSaved(panel, open.title);
    assert.equal((await readTasks(panel)).find((t) => t.id === open.id)?.done, true);
    await waitForSampleData(page, dataFile, (data) => data.tasks.find((t) => t.id === open.id && t.done));
    assert.equal(await taskRow(panel, open.title).count(), 1);
  });

  it('edits the stage (a select); the tree moves the deal under its new stage', async function () {
    const { page } = workbench();
    // The tree updates only the stage lists it has loaded: load the target, and keep both stage
    // rows on screen (a list row exists only while it is visible).
    await collapseTreeRow(page, 'Qualified');
    await expandTreeRow(page, 'Demo Scheduled');
    const beforeRows = await readTreeRows(page);
    assert.ok(!childrenOf(beforeRows, 'Demo Scheduled').includes(deal.name), 'not under Demo Scheduled yet');
    const qualifiedCount = stageCount(beforeRows, 'Qualified');
    const demoCount = stageCount(beforeRows, 'Demo Scheduled');

    const saved = await editAndWait(panel, 'stageId', () => chooseFieldOption(panel, 'stageId', 'Demo Scheduled'), 'Demo Scheduled');
    assert.equal(saved.stageId, DEMO);
    assert.equal(saved.pipelineId, 'pipeline-new-business');

    const rows = await waitForTreeRows(page, (r) => childrenOf(r, 'Demo Scheduled')[0] === deal.name);
    assert.equal(stageCount(rows, 'Demo Scheduled'), demoCount + 1);
    assert.equal(stageCount(rows, 'Qualified'), qualifiedCount - 1);
    // Under its old stage no more.
    await collapseTreeRow(page, 'Demo Scheduled');
    await expandTreeRow(page, 'Qualified');
    const qualified = childrenOf(await readTreeRows(page), 'Qualified');
    assert.ok(qualified.length > 10, `Qualified lists its deals (${qualified.length})`);
    assert.ok(!qualified.includes(deal.name), 'no longer under Qualified');
    // And the tree's row opens the same panel.
    await collapseTreeRow(page, 'Qualified');
    await expandTreeRow(page, 'Demo Scheduled');
    panel = await openDealFromTree(page, deal.name);
    assert.equal((await editorTabTitles(page)).filter((t) => t === deal.name).length, 1);
  });

  it('the markup deal shows those characters as text and runs nothing', async function () {
    const { page } = workbench();
    // Evidence that markup ran: a dialog (page or inside the webview), a CSP refusal (the inline
    // onerror handler), or a request for the image "x".
    const refusals: string[] = [];
    const imageRequests: string[] = [];
    const onConsole = (message: { type(): string; text(): string }) => {
      if (/Content Security Policy/i.test(message.text())) refusals.push(message.text());
    };
    const onRequest = (request: { url(): string }) => {
      if (/\/x(\?|#|$)/.test(request.url())) imageRequests.push(request.url());
    };
    page.on('console', onConsole);
    page.on('request', onRequest);
    try {
      await collapseTreeRow(page, 'Demo Scheduled');
      await expandTreeRow(page, 'Qualified');
      const markup = readSampleData(dataFile).deals.find((d) => d.name === MARKUP_NAME);
      assert.ok(markup, 'the Sample CRM has the markup deal');
      const markupPanel = await openDealFromTree(page, MARKUP_NAME);
      assert.equal(await readFieldValue(markupPanel, 'name'), MARKUP_NAME);
      assert.ok((await editorTabTitles(page)).includes(MARKUP_NAME), 'the tab title shows the characters');
      assert.match(await readFieldValue(markupPanel, 'description'), /<img src=x onerror=alert\(1\)> Markup Test Ltd/);
      const company = markupPanel.frame.locator('.field-row.static').filter({ hasText: 'Company' }).locator('.value-readonly');
      assert.equal(((await company.textContent()) ?? '').trim(), MARKUP_NAME);
      // No element came out of the data: not in the page, not in any shadow root (CSS pierces them).
      assert.equal(await markupPanel.frame.locator('img').count(), 0, 'an <img> element');
      // (VS Code's webview host adds its own script to the document: only the panel's part counts.)
      assert.equal(await markupPanel.frame.locator('crm-deal-panel script, [onerror]').count(), 0);
      assert.equal(await markupPanel.frame.locator('body').evaluate(() => document.images.length), 0);

      // Editing it keeps it text too: the value goes back and forth verbatim.
      const renamed = `${MARKUP_NAME} <script>alert(2)</script>`;
      await editFieldText(markupPanel, 'name', renamed);
      await waitForFieldSaved(markupPanel, 'name');
      assert.equal(await readFieldValue(markupPanel, 'name'), renamed);
      assert.equal(readSampleDeal(dataFile, markup.id).name, renamed);
      assert.equal(await markupPanel.frame.locator('crm-deal-panel script').count(), 0);
      await waitForTreeRows(page, (r) => r.some((row) => row.label === renamed));
      await editorTab(page, renamed).waitFor();

      const probe = await readWebviewProbe(markupPanel);
      assert.ok(probe.installed, 'the probe runs inside the webview');
      assert.deepEqual({ dialogs: probe.dialogs, violations: probe.violations }, { dialogs: [], violations: [] });
      assert.deepEqual(refusals, [], 'CSP refusals');
      assert.deepEqual(imageRequests, [], 'requests for the image');
      assert.deepEqual(dialogs.messages, []);

      // Control: the same markup, parsed as HTML on purpose, is seen by each of these detectors.
      await markupPanel.frame.locator('body').evaluate((body, html) => {
        const control = document.createElement('div');
        control.id = 'detector-control';
        control.innerHTML = html;
        body.append(control);
      }, MARKUP_NAME);
      let seen = { violations: 0, refusals: 0, imageRequests: 0 };
      await waitUntil(async () => {
        seen = { violations: (await readWebviewProbe(markupPanel)).violations.length, refusals: refusals.length, imageRequests: imageRequests.length };
        return Object.values(seen).every((n) => n > 0);
      }, () => `every detector to see the control markup: ${JSON.stringify(seen)}`);
      await markupPanel.frame.locator('#detector-control').evaluate((element) => element.remove());
    } finally {
      page.off('console', onConsole);
      page.off('request', onRequest);
    }
  });

  it('after a done task moves below an open one, every task\'s checkbox shows its own state', async function () {
    const { page } = workbench();
    await collapseTreeRow(page, 'Qualified');
    await expandTreeRow(page, 'Qualified');
    // A deal with two open tasks: ticking the first moves it below the second.
    const visible = new Set(childrenOf(await readTreeRows(page), 'Qualified'));
    const data = readSampleData(dataFile);
    const openCount = (id: string) => data.tasks.filter((t) => t.dealId === id && !t.done).length;
    const target = data.deals.find((d) => d.stageId === QUALIFIED && visible.has(d.name) && d.name !== MARKUP_NAME && openCount(d.id) >= 2);
    assert.ok(target, 'a visible Qualified deal with two open tasks');
    const tasksPanel = await openDealFromTree(page, target.name);
    const before = await readTasks(tasksPanel);
    const first = before[0]!;
    assert.equal(first.done, false, `the first listed task is open: ${JSON.stringify(before)}`);
    assert.equal(before[1]?.done, false, 'so is the second');
    await setTaskDone(tasksPanel, first.title, true);
    await waitForTaskSaved(tasksPanel, first.title);
    await waitForSampleData(page, dataFile, (d) => d.tasks.find((t) => t.id === first.id && t.done));
    const after = await readTasks(tasksPanel);
    assert.notEqual(after[0]?.id, first.id, 'the done task moved down');
    const wrong = after.filter((t) => t.checked !== undefined && t.checked !== t.done);
    assert.deepEqual(wrong, [], `checkboxes that contradict their task: ${JSON.stringify(after.map((t) => ({ title: t.title, done: t.done, checked: t.checked })))}`);
  });

  /**
   * Runs one edit and checks the whole round trip: the new value drawn with the spinner while in
   * flight, then the stored value with no spinner and no error; returns the deal as stored.
   */
  async function editAndWait(target: DealPanel, fieldId: string, edit: () => Promise<void>, shown: string): Promise<StoredSampleDeal> {
    const before = readSampleDeal(dataFile, deal.id);
    const watch = await watchField(target, fieldId);
    await edit();
    await waitForFieldValue(target, fieldId, shown);
    await waitForFieldSaved(target, fieldId);
    assert.equal(await fieldError(target, fieldId).count(), 0, `no error beside ${fieldId}`);
    assert.equal(await readFieldValue(target, fieldId), shown);
    const states = await watch.states();
    await watch.stop();
    assertSawOptimistic(states, shown);
    assert.deepEqual(states.at(-1), { value: shown, saving: false, error: '', editing: false }, `last state of ${fieldId}`);
    // The panel showed the stored deal: the file has a newer updatedAt.
    return waitForSampleData(target.page, dataFile, (data) => {
      const stored = data.deals.find((d) => d.id === deal.id);
      return stored && stored.updatedAt !== before.updatedAt ? stored : undefined;
    });
  }
});

/** The field was drawn with the typed value and the spinner before the CRM answered. */
function assertSawOptimistic(states: FieldState[], value: string): void {
  assert.ok(states.some((s) => s.saving && s.value === value && !s.editing),
    `expected the new value "${value}" with a spinner; saw ${JSON.stringify(states)}`);
}

async function waitUntil(check: () => Promise<boolean>, what: () => string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function collapseTreeRow(page: Page, label: string): Promise<void> {
  const row = treeRow(page, label);
  if ((await row.getAttribute('aria-expanded')) === 'true') await row.locator('.monaco-tl-twistie').click();
  await row.and(page.locator('[aria-expanded="false"]')).waitFor();
  await waitForViewIdle(page);
}

/** Labels of the rows under a stage row, up to the next stage. */
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

/** The deal count a stage row shows first in its description ("36 · €… + $…"). */
function stageCount(rows: TreeRow[], stage: string): number {
  const description = rows.find((r) => r.label === stage)?.description ?? '';
  const count = /^(\d+) ·/.exec(description)?.[1];
  assert.ok(count, `stage "${stage}" shows a count: "${description}"`);
  return Number(count);
}
