import * as assert from 'node:assert/strict';
import { URL } from 'node:url';
import { startCloseFake, type CloseFake, type Json } from '../../fakes/close/index.js';
import { expandTreeRow, openViewContainer, takeScreenshot, waitForTreeRow, waitForViewIdle } from '../../workbench/index.js';
import {
  editFieldText, fieldError, openDealFromTree, readFieldValue, readTasks, setTaskDone, taskError, taskRow, waitForFieldSaved,
  waitForTaskSaved, type DealPanel,
} from '../../workbench/ui/deal-panel.js';
import { useWorkbench } from '../use-workbench.js';
import {
  expandRowAt, fieldIdByLabel, lazyAccounts, readTaskCheckboxes, refreshRow, setApiKeyFromPalette, submitApiKey, treeRowAt, useFake, waitForRowsUnder, waitUntil,
} from './support.js';

const ACCOUNT = 'Close (fake)';
const REVOKED = 'Close (key revoked later)';
const NO_KEY = 'No API key — Set API key…';
const REJECTED = 'API key rejected — Set API key…';

/** An opportunity of Sales → Demo Completed whose lead name is unique in that stage and has an open lead task. */
function pickDeal(fake: CloseFake): { opp: Json; stage: string; name: string; task: Json } {
  const { state } = fake;
  const sales = state.pipelines.find((p) => p.name === 'Sales')!;
  const stage = state.statuses.find((s) => s.id === sales.statusIds[0])!;
  const inStage = state.opportunities.filter((o) => o['status_id'] === stage.id);
  const openLeadTask = (opp: Json) => state.tasks.find((t) =>
    t['_type'] === 'lead' && t['lead_id'] === opp['lead_id'] && !t['is_complete'] && String(t['text']).trim()
    // A title shared by two of the lead's tasks could not be told apart in the panel.
    && state.tasks.filter((o) => o['lead_id'] === opp['lead_id'] && o['text'] === t['text']).length === 1);
  const opp = inStage.find((o) => inStage.filter((other) => other['lead_name'] === o['lead_name']).length === 1 && openLeadTask(o));
  assert.ok(opp, 'the seed has no suitable opportunity in Sales → Demo Completed');
  return { opp, stage: stage.label, name: String(opp['lead_name']), task: openLeadTask(opp)! };
}

describe('Close: key from the palette, browse to a deal, edit a custom field and a task; a revoked key', () => {
  const fake = useFake(() => startCloseFake());
  // A second Close whose key is revoked mid-test: restarted on the same port with another key.
  let revoked: CloseFake | undefined;
  before(async () => {
    revoked = await startCloseFake({ apiKey: 'revoked-close-key-1' });
  });
  after(async () => {
    await revoked?.close();
  });
  const workbench = useWorkbench({
    settings: lazyAccounts(() => [
      { id: 'close-e2e', provider: 'close', label: ACCOUNT, baseUrl: fake().url },
      { id: 'close-revoked', provider: 'close', label: REVOKED, baseUrl: revoked!.url },
    ]),
  });
  let panel: DealPanel;

  it('shows each account without a key with exactly one "No API key — Set API key…" row, and calls nothing', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    assert.equal((await waitForTreeRow(page, ACCOUNT)).description, 'Close');
    await expandTreeRow(page, REVOKED);
    await expandTreeRow(page, ACCOUNT);
    for (const label of [ACCOUNT, REVOKED]) await waitForRowsUnder(page, label, (r) => r.map((row) => row.label).join() === NO_KEY);
    assert.equal(fake().requests.length + revoked!.requests.length, 0, 'nothing was sent to Close without a key');
  });

  it('"CRM: Set API Key…" (palette) keeps the box open on a wrong key with the reason, then takes the right one', async () => {
    const { page } = workbench();
    const rejected = await setApiKeyFromPalette(page, ACCOUNT, 'not-the-close-key');
    assert.equal(rejected, 'Close rejected this key (HTTP 401). Check it and try again.');
    assert.equal(await submitApiKey(page, fake().apiKey), undefined);
    await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'Sales,Renewals,Partnerships');
    // Close's Basic auth: the key as user name, an empty password; sent to the fake's URL, not api.close.com.
    const last = fake().requests.at(-1)!;
    assert.equal(last.headers.authorization, `Basic ${Buffer.from(`${fake().apiKey}:`).toString('base64')}`);
    assert.equal(revoked!.requests.length, 0, 'the other account was not touched');
  });

  it('expands Sales → Demo Completed to its deals and opens one in the panel', async () => {
    const { page } = workbench();
    const { stage, name, opp } = pickDeal(fake());
    await expandTreeRow(page, 'Sales');
    await expandTreeRow(page, stage);
    await waitForTreeRow(page, name);
    await takeScreenshot(page, 'crm-close-tree');
    panel = await openDealFromTree(page, name);
    assert.equal(await readFieldValue(panel, 'name'), name);
    assert.equal(await readFieldValue(panel, 'stageId'), stage);
    assert.ok(fake().requests.some((r) => r.method === 'GET' && r.path === `/api/v1/opportunity/${String(opp['id'])}/`), 'the panel fetched the opportunity');
  });

  it('edits the "Contract Link" custom field: the fake stores exactly the typed text in custom.cf_…', async () => {
    const { opp } = pickDeal(fake());
    const field = fake().state.customFields.find((f) => f.name === 'Contract Link')!;
    const key = `custom.${field.id}`;
    const typed = 'https://contracts.example.com/e2e/Ω-2026 “signed”.pdf';
    assert.notEqual(opp[key], typed);
    const fieldId = await fieldIdByLabel(panel, 'Contract Link');
    await editFieldText(panel, fieldId, typed);
    await waitForFieldSaved(panel, fieldId);
    assert.equal(await fieldError(panel, fieldId).count(), 0, 'the save failed');
    assert.equal(await readFieldValue(panel, fieldId), typed);
    const stored = () => fake().state.opportunities.find((o) => o['id'] === opp['id'])!;
    await waitUntil(() => stored()[key] === typed, () => `stored ${key} = ${JSON.stringify(stored()[key])}`);
    const put = fake().requests.filter((r) => r.method === 'PUT' && r.path === `/api/v1/opportunity/${String(opp['id'])}/`);
    assert.equal(put.length, 1, 'one write');
    assert.deepEqual(put[0]!.body, { [key]: typed }, 'only the edited field was sent');
  });

  it('marks one of the lead\'s tasks done: the fake\'s task has is_complete true', async () => {
    const { task } = pickDeal(fake());
    const title = String(task['text']);
    const shown = await readTasks(panel);
    assert.ok(shown.some((t) => t.title === title && !t.done), `task "${title}" is not shown open: ${JSON.stringify(shown)}`);
    await setTaskDone(panel, title, true);
    await waitForTaskSaved(panel, title);
    assert.equal(await taskError(panel, title).count(), 0, 'the task change failed');
    assert.ok(await taskRow(panel, title).evaluate((row) => row.classList.contains('done')));
    const stored = () => fake().state.tasks.find((t) => t['id'] === task['id'])!;
    await waitUntil(() => stored()['is_complete'] === true, () => `stored is_complete = ${String(stored()['is_complete'])}`);
    await takeScreenshot(panel.page, 'crm-close-panel');
  });

  it('after the done task moves down, every task\'s checkbox still shows its own state', async () => {
    const rows = await readTaskCheckboxes(panel);
    assert.ok(rows.length >= 2, 'the deal shows fewer than two tasks');
    const wrong = rows.filter((r) => r.checked !== undefined && r.checked !== r.done);
    assert.deepEqual(wrong, [], `checkboxes that contradict their task: ${JSON.stringify(rows)}`);
  });

  it('a key revoked while browsing: the first 401 (refreshing an open stage) leaves exactly ONE "API key rejected" row under the account', async () => {
    const { page } = workbench();
    // The row "No API key — Set API key…" is clickable: it opens the key box for its own account.
    const [noKeyRow] = await waitForRowsUnder(page, REVOKED, (r) => r.map((row) => row.label).join() === NO_KEY);
    await treeRowAt(page, noKeyRow!.index).click();
    assert.equal(await submitApiKey(page, 'revoked-close-key-1'), undefined);
    // Browse into it: its Sales pipeline and first stage are loaded and expanded.
    const pipelines = await waitForRowsUnder(page, REVOKED, (r) => r.map((row) => row.label).join() === 'Sales,Renewals,Partnerships');
    await expandRowAt(page, pipelines[0]!.index);
    const stages = await waitForRowsUnder(page, REVOKED, (r) => r.some((row) => row.level === 3));
    await expandRowAt(page, stages.find((row) => row.level === 3)!.index);
    const loaded = await waitForRowsUnder(page, REVOKED, (r) => r.some((row) => row.level === 4));
    await revokeKey();
    // Refreshing the open stage is what meets the 401 first.
    await refreshRow(page, treeRowAt(page, loaded.find((row) => row.level === 3)!.index));
    await waitForRowsUnder(page, REVOKED, (r) => r.some((row) => row.label === REJECTED));
    await waitForViewIdle(page);
    // A user who goes on browsing: expand another stage of the account, if it is still offered.
    const other = (await waitForRowsUnder(page, REVOKED, () => true)).find((row) => row.level === 3 && row.expanded === false);
    if (other) await expandRowAt(page, other.index);
    await takeScreenshot(page, 'crm-close-key-rejected-while-browsing');
    const rows = await waitForRowsUnder(page, REVOKED, () => true);
    assert.ok(revoked!.requests.length >= 1 && revoked!.requests.every((r) => r.status === 401), 'the fake rejected the key');
    assert.deepEqual(rows.map((r) => `${r.level}:${r.label}`), [`2:${REJECTED}`], 'exactly one row, right under the account');
  });

  it('a rejected key: refreshing the account shows exactly ONE "API key rejected — Set API key…" row under it', async () => {
    const { page } = workbench();
    await revokeKey();
    await refreshRow(page, REVOKED);
    await waitForRowsUnder(page, REVOKED, (r) => r.some((row) => row.label === REJECTED));
    await waitForViewIdle(page);
    const rows = await waitForRowsUnder(page, REVOKED, () => true);
    assert.deepEqual(rows.map((r) => `${r.level}:${r.label}`), [`2:${REJECTED}`], 'exactly one row, right under the account');
    assert.ok(revoked!.requests.length >= 1 && revoked!.requests.every((r) => r.status === 401), 'the fake rejected the key');
    // The other account is unaffected.
    const other = await waitForRowsUnder(page, ACCOUNT, (r) => r.length > 0);
    assert.ok(!other.some((r) => r.label === REJECTED || r.label === NO_KEY), JSON.stringify(other.map((r) => r.label)));
    await takeScreenshot(page, 'crm-close-key-rejected');
  });

  /** Revokes the key of the second account: its Close restarts on the same port (same URL) accepting only another key. */
  async function revokeKey(): Promise<void> {
    if (revoked!.apiKey !== 'revoked-close-key-1') return;
    const port = Number(new URL(revoked!.url).port);
    await revoked!.close();
    revoked = await startCloseFake({ apiKey: 'a-new-close-key', port });
  }
});
