import assert from 'node:assert/strict';
import { AccountSession, KeyNeededError } from '../../../src/accounts/account-session';
import { StubProvider, stubAccount, stubDescriptor } from '../helpers/stub-provider';

function session(options: { key?: string; provider?: StubProvider } = {}) {
  const provider = options.provider ?? new StubProvider(stubDescriptor());
  const rejected: string[] = [];
  let created = 0;
  const s = new AccountSession(stubAccount, {
    descriptor: provider.descriptor,
    readKey: async () => ('key' in options ? options.key : 'secret-key'),
    createProvider: () => {
      created += 1;
      return provider;
    },
    onKeyRejected: (a) => rejected.push(a.id),
  });
  return { s, provider, rejected, created: () => created };
}

describe('AccountSession', () => {
  it('asks for a key before calling the CRM when none is stored', async () => {
    const { s, created } = session({ key: undefined });
    await assert.rejects(s.pipelines(), (e) => e instanceof KeyNeededError && e.problem === 'missing');
    assert.equal(created(), 0);
  });

  it('turns a 401 into one account-wide "key rejected" state and one prompt', async () => {
    const { s, provider, rejected } = session();
    provider.failures.listPipelines = ['auth'];
    await assert.rejects(s.pipelines());
    assert.equal(s.keyProblem, 'rejected');
    // Further loads do not hit the CRM again with the rejected key, and do not prompt again.
    await assert.rejects(s.pipelines(), KeyNeededError);
    assert.deepEqual(rejected, ['acct']);
    assert.deepEqual(provider.calls, ['listPipelines']);
  });

  it('starts over with a fresh client after a new key', async () => {
    const { s, provider, created } = session();
    provider.failures.listPipelines = ['auth'];
    await assert.rejects(s.pipelines());
    s.keyChanged();
    assert.equal(provider.disposed, true);
    assert.equal((await s.pipelines()).length, 1);
    assert.equal(created(), 2);
  });

  it('shares one stage list, so a stage page is fetched once', async () => {
    const { s, provider } = session();
    await Promise.all([s.stage('p1', 's1').ensureFirstPage(), s.stage('p1', 's1').ensureFirstPage()]);
    await s.stage('p1', 's1').ensureFirstPage();
    assert.deepEqual(provider.calls, ['listDeals s1@0']);
  });

  it('forgets a failed pipeline load so that Retry asks again', async () => {
    const { s, provider } = session();
    provider.failures.listPipelines = ['network'];
    await assert.rejects(s.pipelines(), /can't reach stub\.example/);
    assert.equal((await s.pipelines()).length, 1);
  });

  it('moves an edited deal between loaded stages, keeping counts and totals exact without a refetch', async () => {
    const { s, provider } = session();
    const events: string[] = [];
    s.onDidChange((e) => e.kind === 'stage' && events.push(e.stageId));
    await s.stage('p1', 's1').ensureFirstPage();
    await s.stage('p1', 's2').ensureFirstPage();
    const moved = { ...s.stage('p1', 's1').items[0]!, stageId: 's2' };
    s.dealChanged(moved, 's1');
    assert.deepEqual(events.sort(), ['s1', 's2']);
    assert.equal(s.stage('p1', 's1').total, 6);
    assert.deepEqual(s.stage('p1', 's1').totals?.map((m) => `${m.currency} ${m.minor}`), ['EUR 120000', 'USD 150000']);
    assert.equal(s.stage('p1', 's2').total, 2);
    assert.equal(s.stage('p1', 's2').items[0]!.id, 'd1');
    assert.deepEqual(s.stage('p1', 's2').totals?.map((m) => `${m.currency} ${m.minor}`), ['USD 260050']);
    assert.equal(provider.calls.length, 2);
  });

  it('lowers the count and total of the stage a deal left even when the deal was beyond its loaded pages', async () => {
    const { s } = session();
    await s.stage('p1', 's1').ensureFirstPage();
    // A deal found by search, never on a loaded page of s1, is moved from s1 to s2 in its panel.
    const found = { id: 'far', name: 'Far down', stageId: 's2', pipelineId: 'p1', outcome: 'open' as const, custom: {},
      amount: { minor: '10000', scale: 2, currency: 'USD' } };
    const before = s.stage('p1', 's1').totals?.find((m) => m.currency === 'USD')!.minor;
    const rows = s.stage('p1', 's1').items.length;
    s.dealChanged(found, 's1');
    assert.equal(s.stage('p1', 's1').total, 6);
    assert.equal(s.stage('p1', 's1').totals?.find((m) => m.currency === 'USD')!.minor, String(BigInt(before!) - 10000n));
    assert.equal(s.stage('p1', 's1').items.length, rows, 'the loaded rows are untouched');
  });

  it('updates a stage total exactly when a deal amount changes in place', async () => {
    const { s } = session();
    await s.stage('p1', 's2').ensureFirstPage();
    const edited = { ...s.stage('p1', 's2').items[0]!, amount: { minor: '9007199254740993', scale: 2, currency: 'USD' } };
    s.dealChanged(edited);
    assert.deepEqual(s.stage('p1', 's2').totals, [{ minor: '9007199254740993', scale: 2, currency: 'USD' }]);
  });
});
