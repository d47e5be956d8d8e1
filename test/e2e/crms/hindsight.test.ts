import * as assert from 'node:assert/strict';
import { startHindsightFake, type HindsightFake } from '../../fakes/hindsight/index.js';
import { expandTreeRow, openViewContainer, takeScreenshot, waitForTreeRow } from '../../workbench/index.js';
import { banner, openDealFromTree, readFieldValue, type DealPanel } from '../../workbench/ui/deal-panel.js';
import { useWorkbench } from '../use-workbench.js';
import { fieldIdByLabel, lazyAccounts, readFieldRows, submitApiKey, treeRowAt, useFake, waitForRowsUnder } from './support.js';

const ACCOUNT = 'Hindsight (fake)';

/** An analysed deal with scores and both kinds of drivers, unique by name in its stage. */
function pickDeal(fake: HindsightFake) {
  const deals = fake.state.deals as unknown as Array<Record<string, unknown> & { id: string; name: string; status_id: string }>;
  const deal = deals.find((d) =>
    typeof d['wl_product_fit_score'] === 'number' && Array.isArray(d['drivers'])
    && (d['drivers'] as { positive: boolean }[]).some((x) => x.positive) && (d['drivers'] as { positive: boolean }[]).some((x) => !x.positive)
    && deals.filter((o) => o.status_id === d.status_id && o.name === d.name).length === 1);
  assert.ok(deal, 'the seed has no analysed deal with drivers');
  return deal;
}

describe('Hindsight: read-only deals with the win-loss fields', () => {
  const fake = useFake(() => startHindsightFake());
  const workbench = useWorkbench({
    settings: lazyAccounts(() => [{ id: 'hindsight-e2e', provider: 'hindsight', label: ACCOUNT, baseUrl: fake().url }]),
  });
  let panel: DealPanel;

  it('takes the key from the clickable "No API key — Set API key…" row and loads the Deals pipeline', async () => {
    const { page } = workbench();
    await openViewContainer(page);
    await expandTreeRow(page, ACCOUNT);
    const [noKey] = await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'No API key — Set API key…');
    await treeRowAt(page, noKey!.index).click();
    assert.equal(await submitApiKey(page, fake().apiKey), undefined);
    const rows = await waitForRowsUnder(page, ACCOUNT, (r) => r.map((row) => row.label).join() === 'Deals');
    assert.equal(rows[0]!.description, 'read-only · stages found on deals');
  });

  it('expands Deals and a stage to its deals, and opens one', async () => {
    const { page } = workbench();
    const deal = pickDeal(fake());
    await expandTreeRow(page, 'Deals');
    await expandTreeRow(page, deal.status_id);
    await waitForTreeRow(page, deal.name);
    await takeScreenshot(page, 'crm-hindsight-tree');
    panel = await openDealFromTree(page, deal.name);
  });

  it('the panel says it is read-only and offers no editor anywhere', async () => {
    const info = banner(panel, 'info');
    await info.first().waitFor();
    assert.equal((await info.allTextContents()).map((t) => t.trim()).join(' | '),
      "Hindsight's API is read-only: this panel shows the deal but cannot change it.");
    const frame = panel.frame;
    assert.equal(await frame.locator('button.value-button').count(), 0, 'a field offers an editor');
    assert.equal(await frame.locator('crm-deal-panel vscode-textfield, crm-deal-panel vscode-single-select, crm-deal-panel vscode-textarea').count(), 0, 'an input is shown');
    assert.equal(await frame.locator('.task-row vscode-checkbox, .add-task, vscode-toolbar-button[icon="trash"]').count(), 0, 'a task control is shown');
    assert.match((await frame.locator('section.tasks').textContent()) ?? '', /Hindsight tasks cannot be shown here\./);
    const rows = await readFieldRows(panel);
    const custom = rows.filter((r) => r.id.startsWith('custom:'));
    assert.ok(custom.length >= 10, `only ${custom.length} custom rows`);
    // A read-only CRM is explained once, by the note at the top, not beside every field.
    assert.deepEqual(custom.filter((r) => r.readOnlyReason).map((r) => r.label), []);
    assert.deepEqual(rows.filter((r) => r.editable).map((r) => r.label), []);
  });

  it('shows the win-loss scores, drivers and the deal\'s type and region', async () => {
    const deal = pickDeal(fake());
    const value = async (label: string) => readFieldValue(panel, await fieldIdByLabel(panel, label));
    assert.equal(await value('Product fit score'), String(deal['wl_product_fit_score']));
    assert.equal(await value('Sales execution score'), String(deal['wl_sales_execution_score']));
    assert.equal(await value('Relationship score'), String(deal['wl_relationship_score']));
    assert.equal(await value('Deal type'), deal['type']);
    assert.equal(await value('Region'), deal['region']);
    const drivers = deal['drivers'] as { positive: boolean; summary: string }[];
    const positive = await value('Positive drivers');
    const negative = await value('Negative drivers');
    for (const d of drivers) {
      assert.ok((d.positive ? positive : negative).includes(d.summary), `"${d.summary}" not under ${d.positive ? 'positive' : 'negative'} drivers`);
      assert.ok(!(d.positive ? negative : positive).includes(d.summary), `"${d.summary}" under the wrong drivers`);
    }
    await takeScreenshot(panel.page, 'crm-hindsight-panel');
  });
});
