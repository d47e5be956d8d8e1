import * as assert from 'node:assert/strict';
import { startTwentyFake, type TwentyFake } from '../../fakes/twenty/index.js';
import { expandTreeRow, openViewContainer, pickQuickItem, runCommand, takeScreenshot, waitForTreeRow } from '../../workbench/index.js';
import {
  chooseFieldOption, editFieldText, fieldError, openDealFromTree, readFieldValue, waitForFieldSaved, waitForFieldValue,
  type DealPanel,
} from '../../workbench/ui/deal-panel.js';
import { useWorkbench } from '../use-workbench.js';
import { answerInputBox, submitApiKey, useFake, waitForRowsUnder, waitUntil } from './support.js';

const ACCOUNT = 'Twenty (self-hosted fake)';

/** An opportunity of the first stage ("New") whose name is unique in it. */
function pickDeal(fake: TwentyFake) {
  const { state } = fake;
  const first = [...state.stageOptions].sort((a, b) => a.position - b.position)[0]!;
  const inStage = state.opportunities.filter((o) => o.stage === first.value && !o.deletedAt);
  const opp = inStage.find((o) => o.name && inStage.filter((other) => other.name === o.name).length === 1);
  assert.ok(opp?.name, 'the seed has no opportunity with a unique name in the first stage');
  return { opp, name: opp.name, stage: first.label };
}

describe('Twenty: Add Account with a server URL, browse to a deal, edit its name and stage', () => {
  const fake = useFake(() => startTwentyFake());
  const workbench = useWorkbench({ settings: { 'crmPipelines.accounts': [] } });
  let panel: DealPanel;
  let originalName: string;

  it('adds the account: Twenty, label, the fake as the self-hosted server (replacing api.twenty.com), the key', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    await runCommand(page, 'CRM: Add Account…');
    await pickQuickItem(page, 'Twenty');
    await answerInputBox(page, /A name for this Twenty account/, ACCOUNT);
    const serverBox = page.locator('.quick-input-widget .quick-input-box input');
    await page.locator('.quick-input-widget .quick-input-message').filter({ hasText: /Your Twenty server/ }).waitFor();
    assert.equal(await serverBox.inputValue(), 'https://api.twenty.com', 'the cloud URL is offered as the default');
    await answerInputBox(page, /Your Twenty server/, fake().url);
    assert.equal(await submitApiKey(page, fake().apiKey), undefined);
    assert.equal((await waitForTreeRow(page, ACCOUNT)).description, 'Twenty');
    assert.ok(fake().requests.some((r) => r.headers.authorization === `Bearer ${fake().apiKey}`), 'the key went to the fake as a Bearer token');
  });

  it('expands the account to its pipeline and the first stage to its deals, and opens one', async () => {
    const { page } = workbench();
    const { name, stage } = pickDeal(fake());
    originalName = name;
    await expandTreeRow(page, ACCOUNT);
    await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'Opportunities');
    await expandTreeRow(page, 'Opportunities');
    await expandTreeRow(page, stage);
    await waitForTreeRow(page, name);
    await takeScreenshot(page, 'crm-twenty-tree');
    panel = await openDealFromTree(page, name);
    assert.equal(await readFieldValue(panel, 'stageId'), stage);
  });

  it('renames the deal in the panel: the fake stores exactly the typed name', async () => {
    const { opp } = pickDeal(fake());
    const typed = `${originalName} — Q3 “expansion” & co`;
    await editFieldText(panel, 'name', typed);
    await waitForFieldSaved(panel, 'name');
    assert.equal(await fieldError(panel, 'name').count(), 0, 'the save failed');
    const stored = () => fake().state.opportunities.find((o) => o.id === opp.id)!;
    await waitUntil(() => stored().name === typed, () => `stored name = ${JSON.stringify(stored().name)}`);
    await waitForFieldValue(panel, 'name', typed);
    panel = { ...panel, title: typed };
  });

  it('moves the deal to the next stage in the panel: the fake stores that stage', async () => {
    const { state } = fake();
    const id = state.opportunities.find((o) => o.name === panel.title)!.id;
    const next = [...state.stageOptions].sort((a, b) => a.position - b.position)[1]!;
    await chooseFieldOption(panel, 'stageId', next.label);
    await waitForFieldSaved(panel, 'stageId');
    assert.equal(await fieldError(panel, 'stageId').count(), 0, 'the save failed');
    const stored = () => state.opportunities.find((o) => o.id === id)!;
    await waitUntil(() => stored().stage === next.value, () => `stored stage = ${stored().stage}`);
    await waitForFieldValue(panel, 'stageId', next.label);
    // The tree follows: the renamed deal is listed under its new stage.
    await expandTreeRow(panel.page, next.label);
    await waitForTreeRow(panel.page, panel.title);
    await takeScreenshot(panel.page, 'crm-twenty-panel');
  });
});
