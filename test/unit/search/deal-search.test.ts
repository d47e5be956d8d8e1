import assert from 'node:assert/strict';
import { money } from '../../../src/model';
import { DealSearch } from '../../../src/search/deal-search';
import type { SearchState } from '../../../src/search/search-types';
import { StubProvider, stubDescriptor } from '../helpers/stub-provider';
import { ManualTimers, namedDeal, SearchingStub, sessionsFor, settle } from './search-fakes';

const names = (state: SearchState) => state.results.map((r) => `${r.accountLabel}: ${r.deal.name}`);
const statusOf = (state: SearchState, accountId: string) => state.accounts.find((a) => a.accountId === accountId)!.status;

function twoServerAccounts() {
  const alpha = new SearchingStub('Alpha');
  const beta = new SearchingStub('Beta');
  const { list, created, wait } = sessionsFor([
    { account: { id: 'alpha', provider: 'close', label: 'Alpha' }, provider: alpha },
    { account: { id: 'beta', provider: 'close', label: 'Beta' }, provider: beta },
  ]);
  const timers = new ManualTimers();
  const search = new DealSearch({ accounts: list, timers, limitPerAccount: 10 });
  const states: SearchState[] = [];
  search.onDidChange((s) => states.push(s));
  return { alpha, beta, search, timers, states, created, wait };
}

describe('Deal search across accounts', () => {
  it('asks every CRM with server search once, after typing settles, with the trimmed text', async () => {
    const { alpha, beta, search, timers } = twoServerAccounts();
    search.setQuery('a');
    search.setQuery(' ac');
    search.setQuery('acm');
    search.setQuery('  acme  ');
    // Nothing is sent while the user is still typing…
    assert.equal(alpha.searches.length + beta.searches.length, 0);
    assert.equal(search.state.busy, true);
    timers.fire();
    await settle();
    // …then one request per account, for the last text only.
    assert.deepEqual(alpha.searches.map((s) => [s.text, s.limit]), [['acme', 10]]);
    assert.deepEqual(beta.searches.map((s) => [s.text, s.limit]), [['acme', 10]]);
  });

  it('does not search for fewer than two characters', async () => {
    const { alpha, search, timers } = twoServerAccounts();
    search.setQuery(' x ');
    timers.fire();
    await settle();
    assert.equal(alpha.searches.length, 0);
    assert.equal(search.state.tooShort, true);
    assert.equal(search.state.busy, false);
  });

  it('streams each account\'s answer as it arrives, ranking exact and prefix names first, then account order', async () => {
    const { alpha, beta, search, timers, states } = twoServerAccounts();
    search.setQuery('acme');
    timers.fire();
    await settle();
    alpha.searches[0]!.answer([
      namedDeal('a1', 'Big ACME expansion'),
      namedDeal('a2', 'Acme'),
      namedDeal('a1', 'Big ACME expansion'),
      namedDeal('a3', 'Renewal for Wile E.', { company: { id: 'c', name: 'Acme Corp' } }),
    ]);
    await settle();
    let state = states.at(-1)!;
    assert.deepEqual(names(state), ['Alpha: Acme', 'Alpha: Big ACME expansion', 'Alpha: Renewal for Wile E.'], 'duplicates dropped');
    assert.equal(state.busy, true, 'Beta is still searching');
    assert.deepEqual(statusOf(state, 'beta'), { kind: 'searching' });

    beta.searches[0]!.answer([namedDeal('b1', 'Acmé Holdings renewal'), namedDeal('b2', 'acme')]);
    await settle();
    state = states.at(-1)!;
    assert.deepEqual(names(state), [
      'Alpha: Acme', 'Beta: acme',
      'Beta: Acmé Holdings renewal',
      'Alpha: Big ACME expansion',
      'Alpha: Renewal for Wile E.',
    ]);
    assert.equal(state.busy, false);
  });

  it('aborts a superseded request and never shows its results for the newer query', async () => {
    const { alpha, beta, search, timers, states } = twoServerAccounts();
    search.setQuery('acme');
    timers.fire();
    await settle();
    beta.searches[0]!.answer([namedDeal('b1', 'Acme renewal')]);
    await settle();
    assert.deepEqual(names(states.at(-1)!), ['Beta: Acme renewal']);

    search.setQuery('acme w');
    // The old query's results are gone at once, before anything new arrived.
    assert.deepEqual(names(states.at(-1)!), []);
    assert.equal(states.at(-1)!.query, 'acme w');
    assert.equal(alpha.searches[0]!.signal?.aborted, true, 'the request still in flight is aborted');
    // A CRM that answers the old request anyway is ignored.
    alpha.searches[0]!.answer([namedDeal('a1', 'Acme old')]);
    await settle();
    assert.ok(states.every((s) => s.query !== 'acme w' || !names(s).includes('Alpha: Acme old')));

    timers.fire();
    await settle();
    assert.deepEqual(alpha.searches.map((s) => s.text), ['acme', 'acme w']);
    alpha.searches[1]!.answer([namedDeal('a2', 'Acme west')]);
    beta.searches[1]!.answer([]);
    await settle();
    assert.deepEqual(names(states.at(-1)!), ['Alpha: Acme west']);
    assert.ok(states.filter((s) => s.query === 'acme w').every((s) => !names(s).some((n) => n.includes('Acme renewal') || n.includes('Acme old'))));
  });

  it('aborts a request whose query was cut below two characters, and closing aborts the rest', async () => {
    const { alpha, search, timers } = twoServerAccounts();
    search.setQuery('ac');
    timers.fire();
    await settle();
    search.setQuery('a');
    assert.equal(alpha.searches[0]!.signal?.aborted, true);
    search.setQuery('ac');
    timers.fire();
    await settle();
    search.dispose();
    assert.equal(alpha.searches[1]!.signal?.aborted, true);
  });

  it('asks no CRM again for a query it already answered while the picker is open', async () => {
    const { alpha, beta, search, timers, states } = twoServerAccounts();
    search.setQuery('acme');
    timers.fire();
    await settle();
    alpha.searches[0]!.answer([namedDeal('a1', 'Acme')]);
    beta.searches[0]!.answer([]);
    await settle();
    search.setQuery('acmex');
    search.setQuery('acme');
    timers.fire();
    await settle();
    assert.equal(alpha.searches.length, 1);
    assert.equal(beta.searches.length, 1);
    assert.deepEqual(names(states.at(-1)!), ['Alpha: Acme']);
    assert.equal(states.at(-1)!.busy, false);
  });

  it('looks through the loaded deals of a CRM without server search, at once and without requests', async () => {
    const local = new StubProvider(stubDescriptor());
    const server = new SearchingStub('Alpha');
    const { list } = sessionsFor([
      { account: { id: 'alpha', provider: 'close', label: 'Alpha' }, provider: server },
      { account: { id: 'local', provider: 'spott', label: 'Local' }, provider: local },
    ]);
    const [, localSession] = list;
    await localSession!.pipelines();
    await localSession!.stage('p1', 's1').ensureFirstPage();
    await localSession!.stage('p1', 's2').ensureFirstPage();
    const callsBefore = local.calls.length;
    const timers = new ManualTimers();
    const search = new DealSearch({ accounts: list, timers });

    search.setQuery('deal w');
    let state = search.state;
    assert.deepEqual(names(state), ['Local: Deal w1']);
    assert.equal(state.results[0]!.mode, 'loaded');
    await settle();
    assert.equal(search.state.results[0]!.stageName, 'Won', 'the stage name from the pipelines already loaded');

    search.setQuery('deal d');
    state = search.state;
    // Only the first page (3 of 7) is loaded: only those are found.
    assert.deepEqual(names(state), ['Local: Deal d1', 'Local: Deal d2', 'Local: Deal d3']);
    assert.deepEqual(statusOf(state, 'local'), { kind: 'done', matches: 3 });
    assert.equal(state.accounts.find((a) => a.accountId === 'local')!.loadedCount, 4);
    assert.equal(local.calls.length, callsBefore, 'no request to the CRM without search');
    assert.equal(state.busy, true, 'the server account is still to answer');
  });

  it('shows one clear line for an account that failed, keeps the others\' results, and Retry asks again', async () => {
    const { alpha, beta, search, timers } = twoServerAccounts();
    search.setQuery('acme');
    timers.fire();
    await settle();
    alpha.searches[0]!.fail('network');
    beta.searches[0]!.answer([namedDeal('b1', 'Acme')]);
    await settle();
    let state = search.state;
    assert.deepEqual(names(state), ['Beta: Acme']);
    const status = statusOf(state, 'alpha');
    assert.equal(status.kind, 'failed');
    assert.equal(status.kind === 'failed' && status.problem.text, "can't reach stub.example");
    assert.equal(status.kind === 'failed' && status.problem.action, 'retry');

    search.retry('alpha');
    await settle();
    assert.equal(alpha.searches.length, 2, 'Retry asks at once');
    assert.equal(beta.searches.length, 1, 'only the failed account');
    alpha.searches[1]!.answer([namedDeal('a1', 'Acme Alpha')]);
    await settle();
    state = search.state;
    assert.deepEqual(names(state), ['Beta: Acme', 'Alpha: Acme Alpha']);
    assert.equal(statusOf(state, 'alpha').kind, 'done');
  });

  it('says when an account is rate limited and the search retries by itself', async () => {
    const { alpha, beta, search, timers, wait } = twoServerAccounts();
    search.setQuery('acme');
    timers.fire();
    await settle();
    wait('alpha', 12_000);
    const status = statusOf(search.state, 'alpha');
    assert.equal(status.kind, 'waiting');
    assert.ok(status.kind === 'waiting' && status.until > Date.now() + 10_000);
    assert.equal(search.state.busy, true);
    alpha.searches[0]!.answer([namedDeal('a1', 'Acme')]);
    beta.searches[0]!.fail('rateLimited', { retryAfterMs: 30_000 });
    await settle();
    const beta429 = statusOf(search.state, 'beta');
    assert.equal(beta429.kind === 'failed' && beta429.problem.text, 'rate limited — try again in 30 s');
    assert.deepEqual(names(search.state), ['Alpha: Acme']);
  });

  it('skips accounts without a usable key, with a note, and never sends them a request', async () => {
    const missing = new SearchingStub('NoKey');
    const rejected = new SearchingStub('Rejected');
    const { list, created } = sessionsFor([
      { account: { id: 'nokey', provider: 'close', label: 'NoKey' }, provider: missing, key: undefined },
      { account: { id: 'rejected', provider: 'close', label: 'Rejected' }, provider: rejected },
    ]);
    const timers = new ManualTimers();
    const search = new DealSearch({ accounts: list, timers });
    search.setQuery('acme');
    timers.fire();
    await settle();
    // A key is missing: found without any request.
    assert.equal(missing.searches.length, 0);
    assert.ok(!created.includes('nokey'));
    assert.deepEqual(statusOf(search.state, 'nokey'), { kind: 'skipped', problem: { text: 'no API key — not searched', action: 'setApiKey' } });
    // The other key is rejected by the CRM: noted, and the next query does not ask again.
    rejected.searches[0]!.fail('auth');
    await settle();
    assert.deepEqual(statusOf(search.state, 'rejected'), { kind: 'skipped', problem: { text: 'API key rejected — not searched', action: 'setApiKey' } });
    search.setQuery('acme corp');
    timers.fire();
    await settle();
    assert.equal(rejected.searches.length, 1);
    assert.equal(statusOf(search.state, 'rejected').kind, 'skipped');
    assert.equal(search.state.busy, false);
  });

  it('describes results with the stage name once the account\'s pipelines are known', async () => {
    const { alpha, beta, search, timers } = twoServerAccounts();
    search.setQuery('acme');
    timers.fire();
    await settle();
    alpha.searches[0]!.answer([namedDeal('a1', 'Acme', { stageId: 's2', amount: money(500, 2, 'EUR') })]);
    beta.searches[0]!.answer([]);
    await settle();
    await settle();
    assert.equal(search.state.results[0]!.stageName, 'Won');
    assert.deepEqual(alpha.calls.filter((c) => c === 'listPipelines'), ['listPipelines'], 'asked once, for the account with results');
    assert.deepEqual(beta.calls.filter((c) => c === 'listPipelines'), []);
  });
});
