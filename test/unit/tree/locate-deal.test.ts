import assert from 'node:assert/strict';
import { AccountSessions } from '../../../src/accounts/account-sessions';
import { money } from '../../../src/model';
import { locateDeal } from '../../../src/tree/locate-deal';
import { DealNode } from '../../../src/tree/nodes/deal-node';
import type { StageNode } from '../../../src/tree/nodes/stage-node';
import type { TreeNode } from '../../../src/tree/nodes/tree-node';
import { PipelinesTreeModel } from '../../../src/tree/tree-model';
import { deal, StubProvider, stubAccount, stubDescriptor } from '../helpers/stub-provider';

function setup() {
  const provider = new StubProvider(stubDescriptor());
  const changed: (string | undefined)[] = [];
  const sessions = new AccountSessions(() => ({
    descriptor: provider.descriptor,
    readKey: async () => 'secret',
    createProvider: () => provider,
  }));
  sessions.sync([stubAccount]);
  const model = new PipelinesTreeModel(sessions, { events: { changed: (n) => changed.push(n?.id) }, locale: 'en-US' });
  model.setAccounts([stubAccount.id], []);
  const session = sessions.get(stubAccount.id)!;
  // What the view does on a session change (pipelines-tree.ts), without VS Code.
  session.onDidChange((event) => model.applySessionEvent(stubAccount.id, event).forEach((node) => changed.push(node.id)));
  return { model, provider, changed, session };
}

const labels = (nodes: readonly TreeNode[]) => nodes.map((n) => n.view().label);
const stage = (model: PipelinesTreeModel, id: string) => model.find(`acct/p1/${id}`) as StageNode;

describe('Locating a deal found by search in the Pipelines tree', () => {
  it('expands account, pipeline and stage to the deal\'s own row when it is on a loaded page', async () => {
    const { model, provider } = setup();
    const node = await locateDeal(model, 'acct', deal('d2', 's1', 20_000, 'EUR'));
    assert.ok(node instanceof DealNode);
    assert.equal(node.id, 'acct/p1/s1/d2');
    assert.equal(node.found, false);
    // The path to it is what expanding those rows shows: the same node objects the view will get.
    assert.ok((await stage(model, 's1').children()).includes(node));
    assert.equal(model.find('acct/p1/s1/d2'), node);
    assert.deepEqual(provider.calls.filter((c) => c.startsWith('listDeals s1')), ['listDeals s1@0'], 'only the first page');
  });

  it('forgets an account\'s "found" rows when the account is removed', async () => {
    const { model } = setup();
    await locateDeal(model, 'acct', deal('d7', 's1', 70_000, 'USD'));
    assert.equal(model.found.in('acct/p1/s1').length, 1);
    model.setAccounts([], []);
    assert.deepEqual(model.found.in('acct/p1/s1'), []);
  });

  it('puts a deal beyond the loaded pages at the top of its stage as a "found" row, without loading every page or changing counts', async () => {
    const { model, provider } = setup();
    const far = deal('d7', 's1', 70_000, 'USD');
    const node = await locateDeal(model, 'acct', far);
    assert.ok(node instanceof DealNode && node.found);
    assert.equal(node.id, 'acct/p1/s1/d7');
    assert.match(node.view().description ?? '', /found by search$/);
    assert.match(node.view().contextValue, /^deal\b.*\bfound\b/);
    assert.match((await node.tooltip()) ?? '', /Found by search/);
    const qualified = stage(model, 's1');
    assert.deepEqual(labels(await qualified.children()), ['Deal d7', 'Deal d1', 'Deal d2', 'Deal d3', 'Load more (3 of 7)']);
    assert.equal(qualified.view().description, '7 · €1,200 + $1,600', 'the stage\'s count and totals are the CRM\'s, unchanged');
    assert.deepEqual(provider.calls.filter((c) => c.startsWith('listDeals s1')), ['listDeals s1@0']);

    // Once a loaded page holds it, it is listed once, in its place.
    await qualified.loadMore();
    await qualified.loadMore();
    const rows = await qualified.children();
    assert.deepEqual(labels(rows), ['Deal d1', 'Deal d2', 'Deal d3', 'Deal d4', 'Deal d5', 'Deal d6', 'Deal d7']);
    assert.ok(rows.every((r) => !(r instanceof DealNode) || !r.found));
  });

  it('adds a deal missing from a stage loaded to its end, so the count and total include it', async () => {
    const { model } = setup();
    const node = await locateDeal(model, 'acct', deal('w2', 's2', 100, 'USD', 'won'));
    assert.ok(node instanceof DealNode && !node.found);
    const won = stage(model, 's2');
    assert.deepEqual(labels(await won.children()), ['Deal w2', 'Deal w1']);
    assert.equal(won.view().description, '2 · $2,502');
  });

  it('moves a deal still listed in another loaded stage, keeping both stages\' counts exact', async () => {
    const { model } = setup();
    await locateDeal(model, 'acct', deal('d1', 's1', 10_000, 'USD'));
    const node = await locateDeal(model, 'acct', { ...deal('d1', 's2', 10_000, 'USD', 'won') });
    assert.equal(node?.id, 'acct/p1/s2/d1');
    assert.deepEqual(labels(await stage(model, 's2').children()), ['Deal d1', 'Deal w1']);
    assert.equal(stage(model, 's2').view().description, '2 · $2,601');
    assert.equal(stage(model, 's1').view().description, '6 · €1,200 + $1,500');
    assert.ok(!labels(await stage(model, 's1').children()).includes('Deal d1'));
  });

  it('reveals the closest row it can reach when the stage or pipeline is unknown, nothing for an unknown account', async () => {
    const { model } = setup();
    assert.equal((await locateDeal(model, 'acct', { ...deal('x', 'gone', 1, 'USD') }))?.id, 'acct/p1');
    assert.equal((await locateDeal(model, 'acct', { ...deal('x', 's1', 1, 'USD'), pipelineId: 'other' }))?.id, 'acct');
    assert.equal(await locateDeal(model, 'nobody', deal('x', 's1', 1, 'USD')), undefined);
    // No pipeline id: found by its stage.
    assert.equal((await locateDeal(model, 'acct', { ...deal('d3', 's1', 1, 'USD'), pipelineId: undefined }))?.id, 'acct/p1/s1/d3');
  });

  it('shows the account\'s error row when its pipelines cannot load', async () => {
    const { model, provider } = setup();
    provider.failures.listPipelines = ['network'];
    const node = await locateDeal(model, 'acct', deal('d1', 's1', 1, 'USD'));
    assert.equal(node?.id, 'acct');
    assert.deepEqual(labels(await node!.children()), ["Can't reach stub.example — Retry"]);
  });

  it('counts a new deal once however often it is revealed, and leaves a listed one alone', async () => {
    const { model, session } = setup();
    await locateDeal(model, 'acct', deal('w1', 's2', 250_050, 'USD', 'won'));
    assert.equal(session.stage('p1', 's2').total, 1);
    const fresh = { ...deal('w9', 's2', 0, 'USD', 'won'), amount: money(700, 2, 'USD') };
    await locateDeal(model, 'acct', fresh);
    await locateDeal(model, 'acct', fresh);
    assert.equal(session.stage('p1', 's2').total, 2);
    assert.equal(stage(model, 's2').view().description, '2 · $2,508');
  });

  it('drops a "found" row when an edit moves that deal into another loaded stage', async () => {
    const { model, session, changed } = setup();
    const far = deal('d7', 's1', 70_000, 'USD');
    await locateDeal(model, 'acct', far);
    await stage(model, 's2').children();
    changed.length = 0;
    session.dealChanged({ ...far, stageId: 's2', outcome: 'won' }, 's1');
    assert.deepEqual([...new Set(changed)].sort(), ['acct/p1/s1', 'acct/p1/s2'], 'both stages are redrawn');
    // The deal left s1 although it was beyond s1's loaded pages: s1 counts one fewer.
    assert.deepEqual(labels(await stage(model, 's1').children()), ['Deal d1', 'Deal d2', 'Deal d3', 'Load more (3 of 6)']);
    assert.deepEqual(labels(await stage(model, 's2').children()), ['Deal d7', 'Deal w1']);
  });
});
