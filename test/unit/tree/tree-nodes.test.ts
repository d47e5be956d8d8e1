import assert from 'node:assert/strict';
import { AccountSessions } from '../../../src/accounts/account-sessions';
import type { MessageNode } from '../../../src/tree/nodes/message-node';
import type { StageNode } from '../../../src/tree/nodes/stage-node';
import type { TreeNode } from '../../../src/tree/nodes/tree-node';
import { PipelinesTreeModel } from '../../../src/tree/tree-model';
import { StubProvider, stubAccount, stubDescriptor } from '../helpers/stub-provider';

function setup(provider = new StubProvider(stubDescriptor())) {
  const changed: (string | undefined)[] = [];
  let onWait: (ms: number) => void = () => {};
  const sessions = new AccountSessions(() => ({
    descriptor: provider.descriptor,
    readKey: async () => 'secret',
    createProvider: (_a, _k, wait) => {
      onWait = wait;
      return provider;
    },
  }));
  sessions.sync([stubAccount]);
  const model = new PipelinesTreeModel(sessions, { events: { changed: (n) => changed.push(n?.id) }, locale: 'en-US' });
  model.setAccounts([stubAccount.id], [{ index: 3, name: 'Broken', problem: 'provider: invalid option' }]);
  return { model, provider, changed, wait: (ms: number) => onWait(ms) };
}

const labels = (nodes: TreeNode[]) => nodes.map((n) => n.view().label);
const settle = () => new Promise((r) => setTimeout(r, 5));

async function stageNodes(model: PipelinesTreeModel): Promise<StageNode[]> {
  const [account] = model.roots();
  const [pipeline] = await account!.children();
  return (await pipeline!.children()) as StageNode[];
}

describe('Pipelines tree nodes', () => {
  it('fetches nothing until a node is expanded', () => {
    const { model, provider } = setup();
    const roots = model.roots();
    roots.forEach((r) => r.view());
    assert.deepEqual(labels(roots), ['Stub account', 'Account "Broken" is not valid — Edit settings']);
    assert.equal(roots[0]!.view().description, 'Stub CRM');
    assert.deepEqual(provider.calls, []);
  });

  it('lists stages in order with count and per-currency total, won and lost set apart', async () => {
    const { model } = setup();
    const stages = await stageNodes(model);
    await settle();
    assert.deepEqual(labels(stages), ['Qualified', 'Won', 'Lost']);
    assert.equal(stages[0]!.view().description, '7 · €1,200 + $1,600');
    assert.equal(stages[1]!.view().description, '1 · $2,501');
    assert.equal(stages[2]!.view().description, '0');
    assert.deepEqual(stages.map((s) => s.view().contextValue), ['stage', 'stage won', 'stage lost']);
    assert.notDeepEqual(stages[1]!.view().icon, stages[0]!.view().icon);
  });

  it('pages deals lazily with a "Load more (3 of 7)" row and stable ids', async () => {
    const { model, provider } = setup();
    const [qualified] = await stageNodes(model);
    let rows = await qualified!.children();
    assert.deepEqual(labels(rows), ['Deal d1', 'Deal d2', 'Deal d3', 'Load more (3 of 7)']);
    assert.equal(rows[0]!.id, 'acct/p1/s1/d1');
    assert.equal(rows[0]!.view().description, '$100.00 · Mar 3, 2026');
    await qualified!.loadMore();
    rows = await qualified!.children();
    assert.deepEqual(labels(rows).slice(-2), ['Deal d6', 'Load more (6 of 7)']);
    await qualified!.loadMore();
    rows = await qualified!.children();
    assert.equal(rows.length, 7);
    // The first page fetched for the stage's summary was reused, not fetched again.
    assert.deepEqual(provider.calls.filter((c) => c.startsWith('listDeals s1')), ['listDeals s1@0', 'listDeals s1@3', 'listDeals s1@6']);
  });

  it('says "50+" and sums only once every page is in when the CRM gives no totals', async () => {
    const { model } = setup(new StubProvider(stubDescriptor(), 3, false));
    const [qualified, won] = await stageNodes(model);
    await settle();
    assert.equal(qualified!.view().description, '3+');
    assert.equal(won!.view().description, '1 · $2,501');
  });

  it('shows one "API key rejected — Set API key…" row for a 401', async () => {
    const provider = new StubProvider(stubDescriptor());
    provider.failures.listPipelines = ['auth'];
    const { model } = setup(provider);
    const rows = await model.roots()[0]!.children();
    assert.deepEqual(labels(rows), ['API key rejected — Set API key…']);
    const command = rows[0]!.view().command;
    assert.equal(command?.id, 'crmPipelines.setApiKey');
    assert.deepEqual(command?.args, [{ accountId: 'acct' }]);
  });

  it('names the host for a network failure and offers Retry that works', async () => {
    const provider = new StubProvider(stubDescriptor());
    provider.failures.listPipelines = ['network'];
    const { model } = setup(provider);
    const account = model.roots()[0]!;
    const [row] = await account.children();
    assert.equal(row!.view().label, "Can't reach stub.example — Retry");
    assert.match(row!.view().tooltip ?? '', /Stub CRM account "Stub account"/);
    assert.equal(row!.view().command?.id, 'crmPipelines.retry');
    account.forgetChildren();
    assert.deepEqual(labels(await account.children()), ['New Business']);
  });

  it('points at the bad field of an unexpected response', async () => {
    const provider = new StubProvider(stubDescriptor());
    provider.failures.listDeals = ['badResponse'];
    const { model } = setup(provider);
    const [qualified] = await stageNodes(model);
    await settle();
    assert.equal(qualified!.view().description, 'not loaded');
    const rows = await qualified!.children();
    assert.equal(rows.at(-1)!.view().label, 'Unexpected response from Stub CRM at data[3].value — Show log');
    await qualified!.retry();
    assert.equal((await qualified!.children()).length, 4);
  });

  it('keeps loaded deals and adds a Retry row when a later page fails', async () => {
    const provider = new StubProvider(stubDescriptor());
    const { model } = setup(provider);
    const [qualified] = await stageNodes(model);
    await qualified!.children();
    provider.failures.listDeals = ['server'];
    await qualified!.loadMore();
    const rows = await qualified!.children();
    assert.deepEqual(labels(rows), ['Deal d1', 'Deal d2', 'Deal d3', 'Stub CRM server error (HTTP 503) — Retry']);
  });

  it('says "Rate limited — retrying in N s" while a load waits, then shows the deals', async () => {
    const provider = new StubProvider(stubDescriptor());
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const original = provider.listDeals.bind(provider);
    provider.listDeals = async (q) => {
      await gate;
      return original(q);
    };
    const { model, wait, changed } = setup(provider);
    const [qualified] = await stageNodes(model);
    const pending = qualified!.children();
    await settle();
    wait(12_000);
    const rows = await pending;
    assert.equal(rows.length, 1);
    assert.match((rows[0] as MessageNode).view().label, /^Rate limited — retrying in 1[12] s$/);
    release();
    await settle();
    assert.ok(changed.includes(qualified!.id));
    assert.equal((await qualified!.children()).length, 4);
  });

  it('renders CRM text inertly in tooltips', async () => {
    const provider = new StubProvider(stubDescriptor());
    provider.dealsByStage.get('s1')![0]!.name = '[click](command:evil) <img src=x onerror=alert(1)>';
    const { model } = setup(provider);
    const [qualified] = await stageNodes(model);
    const [first] = await qualified!.children();
    const tooltip = await first!.tooltip();
    assert.ok(tooltip?.includes('\\[click\\]\\(command:evil\\) \\<img src=x onerror=alert\\(1\\)\\>'));
  });

  it('finds a shown node by its id without loading', async () => {
    const { model } = setup();
    const [qualified] = await stageNodes(model);
    await qualified!.children();
    assert.equal(model.find('acct/p1/s1/d2')?.view().label, 'Deal d2');
    assert.equal(model.find('acct/p1/s2/w1'), undefined);
  });
});
