// "My Tasks" in a real VS Code 1.96 (code-server) on the Sample CRM: open tasks grouped by due
// date as the Sample CRM's data file says they should be, pages loaded on request, a task completed
// from the row's inline action (gone from the list, stored done), a refused completion that puts
// the row back with the error, and a click that opens the deal, whose panel follows a completion.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import {
  dealPanel, readSampleData, readTasks, runCommand, sampleDataFile, simulateFailedWrite, takeScreenshot, waitForSampleData,
  type StoredSampleData, type StoredSampleTask, type TreeRow,
} from '../workbench/index.js';
import {
  completeFromRow, DUE_GROUP_LABELS, errorToast, readTaskRows, showMyTasks, taskTreeRow, waitForTaskRows,
} from '../workbench/ui/my-tasks.js';
import { waitForViewIdle } from '../workbench/ui/view-pane.js';
import { useWorkbench } from './use-workbench.js';

const DAY_MS = 86_400_000;
const ACCOUNT = 'Sample CRM';

describe('My Tasks on the Sample CRM', function () {
  // UTC, so the test can say which group each stored task belongs in without the code under test.
  const workbench = useWorkbench({
    env: { TZ: 'UTC' },
    settings: { 'crmPipelines.accounts': [{ id: 'sample', provider: 'sample', label: ACCOUNT }] },
  });
  let dataFile: string;

  before(function () {
    dataFile = sampleDataFile(workbench().profile.userDataDir);
  });

  it('shows the open tasks grouped by due date, and loads further pages only when asked', async function () {
    this.timeout(120_000);
    const { page } = workbench();
    await showMyTasks(page);
    let rows = await waitForTaskRows(page, (r) => r.some((row) => row.level === 1 && DUE_GROUP_LABELS.includes(row.label as never)));
    const open = readSampleData(dataFile).tasks.filter((t) => !t.done);
    assert.ok(open.length > 100, `the Sample CRM has ${open.length} open tasks: more than one page`);
    // The first page: the soonest 100, so the groups it shows say "+", and a Load more row waits at the end.
    const firstGroups = rows.filter((r) => r.level === 1 && DUE_GROUP_LABELS.includes(r.label as never));
    assert.ok(firstGroups.every((g) => /^\d+\+$/.test(g.description)), JSON.stringify(firstGroups));
    assert.equal(firstGroups.reduce((sum, g) => sum + Number.parseInt(g.description, 10), 0), 100);
    await takeScreenshot(page, 'e2e-my-tasks');

    // Fold the groups so the Load more row is on screen, and load every page.
    for (let pages = 1; ; pages++) {
      await foldGroups(page);
      rows = await readTaskRows(page);
      const more = rows.find((r) => r.label.startsWith(`Load more from ${ACCOUNT}`));
      if (!more) break;
      assert.ok(pages < 20, 'too many pages');
      assert.equal(more.label, `Load more from ${ACCOUNT} (${pages * 100} loaded)`);
      await taskTreeRow(page, more.label, more.description).click();
      await waitForTaskRows(page, (r) => !r.some((row) => row.label === more.label));
      await waitForViewIdle(page, 'My Tasks');
    }

    const expected = (data: StoredSampleData) => expectedGroups(data.tasks, Date.now());
    const before = expected(readSampleData(dataFile));
    const groups = (await readTaskRows(page)).filter((r) => r.level === 1).map((r) => `${r.label} ${r.description}`);
    const after = expected(readSampleData(dataFile));
    assert.ok(
      [before, after].some((e) => JSON.stringify(e) === JSON.stringify(groups)),
      `groups ${JSON.stringify(groups)}; the data file says ${JSON.stringify(after)}`,
    );
  });

  it('completes a task from its inline action: the row leaves and the Sample CRM stores it done', async function () {
    const { page } = workbench();
    const overdueBefore = await groupCount(page, 'Overdue');
    await expandGroup(page, 'Overdue');
    const { row, task } = await pickTaskRow(page, dataFile);

    await completeFromRow(page, row.label, row.description);
    await waitForTaskRows(page, (rows) => !rows.some((r) => r.label === row.label && r.description === row.description));
    assert.equal(await groupCount(page, 'Overdue'), overdueBefore - 1);
    const stored = await waitForSampleData(page, dataFile, (data) => data.tasks.find((t) => t.id === task.id && t.done));
    assert.equal(stored.title, task.title);

    // Refresh asks the CRM again: the task stays gone.
    await runCommand(page, 'CRM: Refresh My Tasks');
    await waitForTaskRows(page, (rows) => rows.some((r) => r.label === 'Overdue'));
    await waitForViewIdle(page, 'My Tasks');
    await expandGroup(page, 'Overdue');
    assert.ok(!(await readTaskRows(page)).some((r) => r.label === row.label && r.description === row.description));
  });

  it('a completion the CRM refuses: the row comes back with the error and a notification names the account', async function () {
    const { page } = workbench();
    await expandGroup(page, 'Overdue');
    const { row, task } = await pickTaskRow(page, dataFile);
    await simulateFailedWrite(page, 'network');

    await completeFromRow(page, row.label, row.description);
    const toast = errorToast(page, `Could not complete "${task.title}"`);
    await toast.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await toast.textContent()) ?? '', new RegExp(`${ACCOUNT}`));
    const [, deal, account] = row.description.split(' · ');
    const failed = `Not completed · ${deal} · ${account}`;
    await waitForTaskRows(page, (rows) => rows.some((r) => r.label === row.label && r.description === failed));
    assert.equal(readSampleData(dataFile).tasks.find((t) => t.id === task.id)?.done, false, 'still open in the CRM');
    await takeScreenshot(page, 'e2e-my-tasks-failed');

    // Completing again works and clears the error.
    await completeFromRow(page, row.label, failed);
    await waitForSampleData(page, dataFile, (data) => data.tasks.find((t) => t.id === task.id && t.done));
    await waitForTaskRows(page, (rows) => !rows.some((r) => r.label === row.label && r.description === failed));
  });

  it('a click opens the task\'s deal; completing the task updates that open panel', async function () {
    const { page } = workbench();
    await expandGroup(page, 'Overdue');
    const { row, task } = await pickTaskRow(page, dataFile);
    const dealName = readSampleData(dataFile).deals.find((d) => d.id === task.dealId)!.name;

    await taskTreeRow(page, row.label, row.description).click();
    const panel = await dealPanel(page, dealName);
    await waitFor(page, async () => (await readTasks(panel)).some((t) => t.id === task.id && !t.done), 'the panel lists the open task');

    await completeFromRow(page, row.label, row.description);
    await waitForSampleData(page, dataFile, (data) => data.tasks.find((t) => t.id === task.id && t.done));
    await waitFor(page, async () => (await readTasks(panel)).some((t) => t.id === task.id && t.done), 'the panel shows it done');
  });
});

/** What the groups should read, from the stored tasks alone: UTC days, weeks from Sunday (locale en). */
function expectedGroups(tasks: StoredSampleTask[], now: number): string[] {
  const today = new Date(now).toISOString().slice(0, 10);
  const weekEnd = new Date(Date.parse(today) + (6 - new Date(now).getUTCDay()) * DAY_MS).toISOString().slice(0, 10);
  const counts = new Map<string, number>(DUE_GROUP_LABELS.map((l) => [l, 0]));
  for (const task of tasks.filter((t) => !t.done)) {
    let group: string;
    if (!task.due) group = 'No date';
    else {
      const day = task.due.kind === 'date' ? task.due.value : new Date(task.due.value).toISOString().slice(0, 10);
      const past = task.due.kind === 'datetime' ? Date.parse(task.due.value) < now : day < today;
      group = past ? 'Overdue' : day === today ? 'Today' : day <= weekEnd ? 'This week' : 'Later';
    }
    counts.set(group, counts.get(group)! + 1);
  }
  return [...counts].filter(([, n]) => n > 0).map(([label, n]) => `${label} ${n}`);
}

/** A visible task row that exactly one open stored task matches (title, deal name, account). */
async function pickTaskRow(page: Page, dataFile: string): Promise<{ row: TreeRow; task: StoredSampleTask }> {
  const data = readSampleData(dataFile);
  const rows = (await readTaskRows(page)).filter((r) => r.level === 2);
  for (const row of rows) {
    const [, dealName, account] = row.description.split(' · ');
    if (account !== ACCOUNT || rows.filter((r) => r.label === row.label && r.description === row.description).length > 1) continue;
    const matches = data.tasks.filter((t) => !t.done && t.title === row.label && data.deals.find((d) => d.id === t.dealId)?.name === dealName);
    if (matches.length === 1) return { row, task: matches[0]! };
  }
  throw new Error(`no task row matches exactly one open task; rows: ${JSON.stringify(rows.slice(0, 10))}`);
}

async function groupCount(page: Page, label: string): Promise<number> {
  const group = (await readTaskRows(page)).find((r) => r.level === 1 && r.label === label);
  if (!group) throw new Error(`no "${label}" group`);
  return Number.parseInt(group.description, 10);
}

async function foldGroups(page: Page): Promise<void> {
  for (const row of await readTaskRows(page)) {
    if (row.level === 1 && row.expanded) await setGroupExpanded(page, row.label, false);
  }
}

async function expandGroup(page: Page, label: string): Promise<void> {
  await setGroupExpanded(page, label, true);
  await waitForTaskRows(page, (rows) => rows.some((r) => r.level === 2));
}

async function setGroupExpanded(page: Page, label: string, expanded: boolean): Promise<void> {
  const row = (await readTaskRows(page)).find((r) => r.level === 1 && r.label === label);
  if (!row) throw new Error(`no "${label}" group`);
  if (row.expanded === expanded) return;
  await taskTreeRow(page, row.label, row.description).locator('.monaco-tl-twistie').click();
  await waitForTaskRows(page, (rows) => rows.some((r) => r.level === 1 && r.label === label && r.expanded === expanded));
}

async function waitFor(page: Page, check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what}`);
    await page.waitForTimeout(100);
  }
}
