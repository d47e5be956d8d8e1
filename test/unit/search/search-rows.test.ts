import assert from 'node:assert/strict';
import { money } from '../../../src/model';
import { searchPlaceholder, searchRows } from '../../../src/search/search-items';
import type { AccountSearch, SearchResult, SearchState } from '../../../src/search/search-types';
import { MatchTier, matchLoadedDeals, nameTier, normalize } from '../../../src/search/text-match';
import { namedDeal } from './search-fakes';

function result(name: string, extra: Partial<SearchResult> = {}): SearchResult {
  return {
    accountId: 'alpha', accountLabel: 'Alpha', crmName: 'Close', deal: namedDeal(name.toLowerCase(), name),
    tier: MatchTier.Prefix, stageName: 'Qualified', mode: 'server', ...extra,
  };
}

function account(id: string, status: AccountSearch['status'], extra: Partial<AccountSearch> = {}): AccountSearch {
  return { accountId: id, label: id[0]!.toUpperCase() + id.slice(1), crmName: 'Close', mode: 'server', status, ...extra };
}

function state(results: SearchResult[], accounts: AccountSearch[], extra: Partial<SearchState> = {}): SearchState {
  return { query: 'acme', tooShort: false, busy: false, results, accounts, ...extra };
}

describe('Search rows and matching', () => {
  it('ranks a name exact, prefix, word prefix, contained, all words, or not at all, ignoring case and accents', () => {
    const q = normalize('Acme');
    assert.equal(nameTier('ACME', q), MatchTier.Exact);
    assert.equal(nameTier('Acme Corp', q), MatchTier.Prefix);
    assert.equal(nameTier('Renewal – Ácme', q), MatchTier.WordPrefix);
    assert.equal(nameTier('Megaacme', q), MatchTier.Contains);
    assert.equal(nameTier('Renewal 2026 – ACME Corp', normalize('acme renewal')), MatchTier.Contains);
    assert.equal(nameTier('Deal w1', normalize('deal d')), undefined, 'one name word cannot answer two query words');
    assert.equal(nameTier('Globex', q), undefined);
  });

  it('matches loaded deals by name first, then by company or contact, at most the limit', () => {
    const deals = [
      namedDeal('1', 'Renewal', { company: { id: 'c', name: 'Acme Corp' } }),
      namedDeal('2', 'Big acme order'),
      namedDeal('3', 'Acme'),
      namedDeal('4', 'Globex'),
    ];
    assert.deepEqual(matchLoadedDeals(deals, 'acme', 10).map((m) => [m.deal.id, m.tier]), [
      ['3', MatchTier.Exact], ['2', MatchTier.WordPrefix], ['1', MatchTier.Other],
    ]);
    assert.deepEqual(matchLoadedDeals(deals, 'acme', 2).map((m) => m.deal.id), ['3', '2']);
  });

  it('shows a deal with its name, amount · stage, and account · CRM', () => {
    const rows = searchRows(state([result('Acme', { deal: namedDeal('a', 'Acme', { amount: money(1_234_500, 2, 'USD'), amountPeriod: 'monthly' }) })], [account('alpha', { kind: 'done', matches: 1 })]), { locale: 'en-US' });
    assert.equal(rows.length, 1);
    assert.deepEqual({ ...rows[0], result: undefined }, {
      kind: 'deal', label: 'Acme', description: '$12,345.00 / month · Qualified', detail: 'Alpha · Close', result: undefined,
    });
  });

  it('puts one line per failed or skipped account after the results, naming the account and what to do', () => {
    const rows = searchRows(state([result('Acme')], [
      account('alpha', { kind: 'done', matches: 1 }),
      account('beta', { kind: 'failed', problem: { text: "can't reach api.close.com", action: 'retry', detail: 'Close account "Beta": can\'t reach api.close.com (GET /search).' } }),
      account('gamma', { kind: 'skipped', problem: { text: 'API key rejected — not searched', action: 'setApiKey' } }),
    ]));
    assert.deepEqual(rows.map((r) => [r.kind, r.label]), [
      ['deal', 'Acme'],
      ['separator', 'Accounts'],
      ['note', "Beta: can't reach api.close.com — Retry"],
      ['note', 'Gamma: API key rejected — not searched — Set API Key…'],
    ]);
    const [, , beta, gamma] = rows;
    assert.ok(beta?.kind === 'note' && beta.action === 'retry' && beta.accountId === 'beta' && beta.icon === 'error');
    assert.match(beta.detail ?? '', /Close account "Beta"/);
    assert.ok(gamma?.kind === 'note' && gamma.action === 'setApiKey' && gamma.icon === 'key');
  });

  it('counts down a rate-limit wait, and says when nothing matched or the loaded deals had no match', () => {
    const now = Date.parse('2026-01-01T10:00:00Z');
    const rows = searchRows(state([], [
      account('alpha', { kind: 'waiting', until: now + 11_200 }),
      account('local', { kind: 'done', matches: 0 }, { mode: 'loaded', loadedCount: 1250, crmName: 'Spott' }),
    ], { busy: true }), { now, locale: 'en-US' });
    assert.deepEqual(rows.map((r) => r.label), [
      'Alpha: rate limited — retrying in 12 s',
      'Local: no match in the 1,250 deals loaded — expand its stages or Load more in the Pipelines view',
    ]);
    const done = searchRows(state([], [account('alpha', { kind: 'done', matches: 0 })]));
    assert.deepEqual(done.map((r) => r.label), ['No deals match "acme"']);
    const none = searchRows(state([], [], { query: '' }));
    assert.deepEqual(none.map((r) => r.kind === 'note' && [r.label, r.action]), [['No accounts to search — Add Account…', 'addAccount']]);
    const short = searchRows(state([], [account('alpha', { kind: 'idle' })], { query: 'a', tooShort: true }));
    assert.deepEqual(short.map((r) => r.label), ['Type at least 2 characters to search']);
  });

  it('says in the placeholder which accounts search on the server and which only their loaded deals', () => {
    assert.equal(
      searchPlaceholder([{ label: 'Acme Close', mode: 'server' }, { label: 'Demo', mode: 'loaded' }, { label: 'Twenty', mode: 'server' }]),
      'Search deals by name — server-side: Acme Close, Twenty · loaded deals only: Demo',
    );
    assert.equal(searchPlaceholder([{ label: 'Demo', mode: 'loaded' }]), 'Search deals by name — loaded deals only: Demo');
  });
});
