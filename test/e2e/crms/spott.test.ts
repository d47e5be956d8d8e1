import * as assert from 'node:assert/strict';
import { startSpottFake, type SpottFake } from '../../fakes/spott/index.js';
import { expandTreeRow, openViewContainer, takeScreenshot, waitForTreeRow } from '../../workbench/index.js';
import {
  editFieldText, fieldError, fieldValueButton, openDealFromTree, readFieldValue, waitForFieldError, waitForFieldSaved, waitForFieldValue,
  type DealPanel,
} from '../../workbench/ui/deal-panel.js';
import { useWorkbench } from '../use-workbench.js';
import { lazyAccounts, readFieldRows, setApiKeyFromPalette, useFake, waitForRowsUnder, waitUntil } from './support.js';

const ACCOUNT = 'Spott (fake)';

/** An opportunity of the first stage ("Lead") whose name is unique in it. */
function pickDeal(fake: SpottFake) {
  const { state } = fake;
  const first = [...state.stages].sort((a, b) => a.order - b.order)[0]!;
  const inStage = state.opportunities.filter((o) => o.stageId === first.id);
  const opp = inStage.find((o) => inStage.filter((other) => other.name === o.name).length === 1);
  assert.ok(opp, 'the seed has no opportunity with a unique name in the first stage');
  return { opp, stage: first.name };
}

describe('Spott: key from the palette (fixed URL pre-set in settings), browse to a deal, rename it', () => {
  const fake = useFake(() => startSpottFake());
  const workbench = useWorkbench({
    settings: lazyAccounts(() => [{ id: 'spott-e2e', provider: 'spott', label: ACCOUNT, baseUrl: fake().url }]),
  });
  let panel: DealPanel;

  it('takes the key from "CRM: Set API Key…" and loads the pipeline from the fake', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    await expandTreeRow(page, ACCOUNT);
    await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'No API key — Set API key…');
    assert.equal(await setApiKeyFromPalette(page, undefined, fake().apiKey), undefined);
    await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'Opportunities');
    assert.ok(fake().requests.some((r) => r.headers['x-api-key'] === fake().apiKey), 'the key went to the fake in X-API-Key');
  });

  it('expands the pipeline and the first stage to its deals, and opens one', async () => {
    const { page } = workbench();
    const { opp, stage } = pickDeal(fake());
    await expandTreeRow(page, 'Opportunities');
    await expandTreeRow(page, stage);
    await waitForTreeRow(page, opp.name);
    await takeScreenshot(page, 'crm-spott-tree');
    panel = await openDealFromTree(page, opp.name);
    assert.equal(await readFieldValue(panel, 'name'), opp.name);
    assert.equal(await readFieldValue(panel, 'stageId'), stage);
  });

  it('renames the deal in the panel: the fake stores exactly the typed name', async () => {
    const { opp } = pickDeal(fake());
    const typed = `${opp.name} (retained, “phase 2”)`;
    await editFieldText(panel, 'name', typed);
    await waitForFieldSaved(panel, 'name');
    assert.equal(await fieldError(panel, 'name').count(), 0, 'the save failed');
    const stored = () => fake().state.opportunities.find((o) => o.id === opp.id)!;
    await waitUntil(() => stored().name === typed, () => `stored name = ${JSON.stringify(stored().name)}`);
    await waitForFieldValue(panel, 'name', typed);
    await waitForTreeRow(panel.page, typed, { timeoutMs: 10_000 });
    const patch = fake().requests.filter((r) => r.method === 'PATCH');
    assert.equal(patch.length, 1, 'one write');
    assert.deepEqual(patch[0]!.body, { name: typed }, 'only the name was sent');
  });

  it('shows the custom attributes read-only (Spott documents no write for them)', async () => {
    const custom = (await readFieldRows(panel)).filter((r) => r.id.startsWith('custom:'));
    assert.ok(custom.length > 0, 'no custom attributes shown');
    assert.deepEqual(custom.filter((r) => r.editable).map((r) => r.label), [], 'custom attributes offer an editor');
    await takeScreenshot(panel.page, 'crm-spott-panel');
  });

  it('does not offer to edit the Amount: Spott opportunities have no amount', async () => {
    if ((await fieldValueButton(panel, 'amount').count()) > 0) {
      // Offered anyway: what a user gets for trying.
      const before = fake().requests.filter((r) => r.method === 'PATCH').length;
      await editFieldText(panel, 'amount', '1000');
      const { message } = await waitForFieldError(panel, 'amount');
      const sent = fake().requests.filter((r) => r.method === 'PATCH').length - before;
      await takeScreenshot(panel.page, 'crm-spott-amount-offered');
      assert.fail(`the panel offers an Amount editor; typing 1000 sent ${sent} request(s) and ended in: ${JSON.stringify(message)}`);
    }
  });
});
