import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, setAccounts, waitFor } from './support';

describe('the Pipelines tree on the Sample CRM', () => {
  before(async () => {
    await setAccounts([{ id: 'sample', provider: 'sample', label: 'Sample CRM' }]);
    await vscode.commands.executeCommand('crmPipelines.resetSampleData', { accountId: 'sample', confirmed: true });
  });
  after(() => setAccounts([]));

  it('lists pipelines, then stages with their count and total, won and lost marked', async () => {
    const { treeChildren } = await api();
    await waitFor(async () => (await treeChildren()).some((r) => r.id === 'sample'), 'the Sample account');
    const pipelines = await treeChildren('sample');
    assert.deepEqual(pipelines.map((p) => p.label), ['New Business', 'Renewals', 'Partnerships']);
    const stages = await waitFor(async () => {
      const rows = await treeChildren(pipelines[0]!.id);
      return rows.every((r) => r.description) && rows;
    }, 'stage totals');
    assert.equal(stages.length, 7);
    for (const stage of stages) assert.match(stage.description ?? '', /^\d[\d,]*( · .+)?$/, stage.label);
    assert.match(stages[0]!.description ?? '', /^128 · \$[\d,]+ \+ €[\d,]+|^128 · €[\d,]+ \+ \$[\d,]+/);
    assert.deepEqual(stages.filter((s) => /\b(won|lost)\b/.test(s.contextValue)).map((s) => s.contextValue), ['stage won', 'stage lost']);
  });

  it('pages a stage of 128 deals with "Load more" and shows each deal\'s amount and close date', async () => {
    const { treeChildren } = await api();
    const [leadIn] = await treeChildren('sample/pipeline-new-business');
    let rows = await treeChildren(leadIn!.id);
    assert.equal(rows.length, 51);
    assert.equal(rows.at(-1)!.label, 'Load more (50 of 128)');
    const deals = rows.slice(0, -1);
    assert.ok(deals.every((d) => d.id.startsWith(`${leadIn!.id}/`) && d.command === 'crmPipelines.openDeal'));
    assert.ok(deals.some((d) => /^[$€][\d,.]+ · [A-Z][a-z]{2} \d{1,2}, \d{4}$/.test(d.description ?? '')), deals[0]!.description);
    await vscode.commands.executeCommand('crmPipelines.loadMore', undefined);
    rows = await treeChildren(leadIn!.id);
    assert.equal(rows.at(-1)!.label, 'Load more (50 of 128)', 'a loadMore without a stage changes nothing');
  });
});
