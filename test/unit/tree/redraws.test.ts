import assert from 'node:assert/strict';
import { AccountSessions } from '../../../src/accounts/account-sessions';
import type { StageNode } from '../../../src/tree/nodes/stage-node';
import type { TreeNode } from '../../../src/tree/nodes/tree-node';
import { PipelinesTreeModel } from '../../../src/tree/tree-model';
import { StubProvider, stubAccount, stubDescriptor } from '../helpers/stub-provider';
import { ExtHostTree } from './ext-host-tree';

const SETTLE_MS = 60;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A CRM whose stage pages arrive only when the test lets them. */
class HeldPages extends StubProvider {
  private waiting: (() => void)[] = [];
  holding = true;

  override async listDeals(query: Parameters<StubProvider['listDeals']>[0]) {
    if (this.holding) await new Promise<void>((release) => this.waiting.push(release));
    return super.listDeals(query);
  }

  release(): void {
    this.holding = false;
    for (const release of this.waiting.splice(0)) release();
  }
}

function setup() {
  const provider = new HeldPages(stubDescriptor());
  const sessions = new AccountSessions(() => ({ descriptor: provider.descriptor, readKey: async () => 'secret', createProvider: () => provider }));
  sessions.sync([stubAccount]);
  const redraws: { id: string | undefined; at: number }[] = [];
  let view: ExtHostTree | undefined;
  const model = new PipelinesTreeModel(sessions, {
    events: {
      changed: (node) => {
        redraws.push({ id: node?.id, at: performance.now() });
        view?.changed(node);
      },
    },
    locale: 'en-US',
  }, SETTLE_MS);
  model.setAccounts([stubAccount.id], []);
  view = new ExtHostTree({ getChildren: (node) => model.childrenForView(node) }, model.roots());
  return { model, provider, view, redraws, session: sessions.get(stubAccount.id)! };
}

async function openStage(view: ExtHostTree, model: PipelinesTreeModel): Promise<StageNode> {
  const [account] = model.roots();
  const [pipeline] = await view.expand(account!);
  const stages = await view.expand(pipeline!);
  return stages[0] as StageNode;
}

const ids = (nodes: readonly TreeNode[]) => nodes.map((n) => n.id);

describe('Pipelines tree: ids VS Code holds stay unique across redraws', () => {
  it('a stage expanded while its first page loads shows its rows once, with no id registered twice', async () => {
    const { model, provider, view } = setup();
    // Opening the pipeline prefetches every stage's first page (for the counts); the user expands
    // the first stage before that page is in.
    const stage = await openStage(view, model);
    const expanding = view.expand(stage);
    await sleep(5);
    provider.release();
    await expanding.catch(() => undefined);
    await sleep(SETTLE_MS * 2);
    await view.idle();
    assert.deepEqual(view.errors, []);
    assert.deepEqual(ids(view.rowsOf(stage)), ['acct/p1/s1/d1', 'acct/p1/s1/d2', 'acct/p1/s1/d3', 'acct/p1/s1/#more']);
    assert.equal(stage.view().description, '7 · €1,200 + $1,600', 'the row was redrawn with its count');
  });

  it('a stage refreshed while collapsed and expanded again is redrawn with its count only once VS Code has had its rows a moment', async () => {
    const { model, provider, view, redraws, session } = setup();
    provider.release();
    const stage = await openStage(view, model);
    await view.expand(stage);
    await sleep(SETTLE_MS * 2);
    await view.idle();
    for (let round = 0; round < 3; round += 1) {
      view.collapse(stage);
      // Refresh of the collapsed stage: its cached page is dropped and its row redrawn without a count.
      session.invalidate({ pipelineId: 'p1', stageId: 's1' });
      stage.forgetChildren();
      model.redraws.changed(stage);
      await sleep(SETTLE_MS * 2);
      redraws.length = 0;
      const rows = await view.expand(stage);
      const servedAt = performance.now();
      await sleep(SETTLE_MS * 2);
      await view.idle();
      const redrawn = redraws.filter((r) => r.id === stage.id);
      assert.equal(redrawn.length, 1, 'the count arrived with the first page: one redraw');
      assert.ok(redrawn[0]!.at - servedAt >= SETTLE_MS - 5, `redrawn ${(redrawn[0]!.at - servedAt).toFixed(0)} ms after VS Code got the rows`);
      assert.deepEqual(ids(view.rowsOf(stage)), ids(rows));
    }
    assert.deepEqual(view.errors, []);
  });

  it('VS Code and a search asking for a stage\'s rows at once get the same row nodes', async () => {
    const { model, provider, view } = setup();
    const stage = await openStage(view, model);
    const [forView, forSearch] = [stage.children(), stage.children()];
    provider.release();
    const [a, b] = await Promise.all([forView, forSearch]);
    assert.equal(a.length, 4);
    a.forEach((row, i) => assert.equal(row, b[i]));
  });
});
