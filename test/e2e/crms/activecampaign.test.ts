import * as assert from 'node:assert/strict';
import { startActiveCampaignFake, type ActiveCampaignFake } from '../../fakes/activecampaign/index.js';
import {
  expandTreeRow, openViewContainer, pickQuickItem, runCommand, takeScreenshot, waitForTreeRow,
} from '../../workbench/index.js';
import {
  editFieldText, fieldError, openDealFromTree, readFieldValue, readTasks, waitForFieldSaved, type DealPanel,
} from '../../workbench/ui/deal-panel.js';
import { useWorkbench } from '../use-workbench.js';
import {
  answerInputBox, fieldIdByLabel, renameTask, submitApiKey, taskRowById, useFake, waitForRowsUnder, waitUntil,
} from './support.js';

const ACCOUNT = 'ActiveCampaign (fake)';

/** A deal of Sales Pipeline → To Contact with a unique title and at least one open task. */
function pickDeal(fake: ActiveCampaignFake) {
  const { state } = fake;
  const group = state.dealGroups.find((g) => g.title === 'Sales Pipeline')!;
  const stage = state.dealStages.find((s) => s.id === group.stages[0])!;
  const inStage = state.deals.filter((d) => d.stage === stage.id && !d.isDisabled);
  const deal = inStage.find((d) =>
    inStage.filter((o) => o.title === d.title).length === 1 && state.dealTasks.some((t) => t.relid === d.id && t.reltype === 'Deal'));
  assert.ok(deal, 'the seed has no suitable deal in Sales Pipeline → To Contact');
  return { deal, pipeline: group.title, stage: stage.title };
}

describe('ActiveCampaign: Add Account through the UI, browse to a deal, edit a custom field and a task', () => {
  const fake = useFake(() => startActiveCampaignFake());
  const workbench = useWorkbench({ settings: { 'crmPipelines.accounts': [] } });
  let panel: DealPanel;

  it('adds the account: CRM, label, the fake\'s http URL, a rejected key (box stays open with the reason), then the key', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    await runCommand(page, 'CRM: Add Account…');
    await pickQuickItem(page, 'ActiveCampaign');
    await answerInputBox(page, /A name for this ActiveCampaign account/, ACCOUNT);
    await answerInputBox(page, /Your ActiveCampaign API URL/, fake().url);
    const before = fake().requests.length;
    const rejected = await submitApiKey(page, 'wrong-activecampaign-key');
    assert.match(rejected ?? '', /^ActiveCampaign rejected this key \(HTTP 401\)\. Check it and try again\.$/);
    assert.equal(fake().requests.length, before + 1, 'the key was checked with exactly one call');
    assert.equal(fake().requests.at(-1)!.headers['api-token'], 'wrong-activecampaign-key');
    assert.equal(await submitApiKey(page, fake().apiKey), undefined);
    const account = await waitForTreeRow(page, ACCOUNT);
    assert.equal(account.description, 'ActiveCampaign');
  });

  it('expands the account to its pipelines and a stage to its deals', async () => {
    const { page } = workbench();
    const { deal, pipeline, stage } = pickDeal(fake());
    await expandTreeRow(page, ACCOUNT);
    await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'Sales Pipeline,Partnerships');
    await expandTreeRow(page, pipeline);
    await expandTreeRow(page, stage);
    await waitForTreeRow(page, deal.title);
    await takeScreenshot(page, 'crm-activecampaign-tree');
    panel = await openDealFromTree(page, deal.title);
    assert.equal(await readFieldValue(panel, 'stageId'), stage);
  });

  it('edits the "Website" custom field: the fake\'s dealCustomFieldData holds exactly the typed text', async () => {
    const { deal } = pickDeal(fake());
    const { state } = fake();
    const meta = state.dealCustomFieldMeta.find((m) => m.fieldLabel === 'Website')!;
    const typed = 'https://lumen-schools.example/rollout?phase=2&lang=fr — “été”';
    const fieldId = await fieldIdByLabel(panel, 'Website');
    await editFieldText(panel, fieldId, typed);
    await waitForFieldSaved(panel, fieldId);
    assert.equal(await fieldError(panel, fieldId).count(), 0, 'the save failed');
    assert.equal(await readFieldValue(panel, fieldId), typed);
    const datum = () => state.dealCustomFieldData.filter((d) => d.dealId === Number(deal.id) && d.customFieldId === Number(meta.id));
    await waitUntil(() => datum().length === 1 && datum()[0]!.fieldValue === typed, () => `stored: ${JSON.stringify(datum())}`);
  });

  it('renames one of the deal\'s tasks: the fake\'s task holds exactly the typed title', async () => {
    const { deal } = pickDeal(fake());
    const { state } = fake();
    const task = state.dealTasks.find((t) => t.relid === deal.id && t.reltype === 'Deal')!;
    const shown = await readTasks(panel);
    assert.ok(shown.some((t) => t.id === task.id), `task ${task.id} is not shown: ${JSON.stringify(shown)}`);
    const typed = 'Call Mrs. O’Brien about the rollout <b>kick-off</b>';
    await renameTask(panel, task.id, typed);
    assert.equal(await taskRowById(panel, task.id).locator('.task-error').count(), 0, 'the task change failed');
    assert.equal(((await taskRowById(panel, task.id).locator('.task-title').textContent()) ?? '').trim(), typed);
    const stored = () => state.dealTasks.find((t) => t.id === task.id)!;
    await waitUntil(() => stored().title === typed, () => `stored title = ${JSON.stringify(stored().title)}`);
    await takeScreenshot(panel.page, 'crm-activecampaign-panel');
  });
});
