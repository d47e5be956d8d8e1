import type { KeyProblem, SessionEvent } from '../accounts/account-session';
import type { Account, Deal, Pipeline } from '../model';
import type { CrmProvider, ProviderDescriptor } from '../providers/contract';
import type { AccountProblem } from './search-errors';
import type { MatchTier } from './text-match';

/** What search needs of an account: the parts of `AccountSession` it uses, so tests can pass a real one. */
export interface SearchableAccount {
  readonly account: Account;
  readonly descriptor: ProviderDescriptor | undefined;
  readonly keyProblem: KeyProblem | undefined;
  readonly onDidChange: (listener: (event: SessionEvent) => void) => { dispose(): void };
  call<T>(action: (provider: CrmProvider) => Promise<T>): Promise<T>;
  loadedDeals(): Deal[];
  pipelines(): Promise<Pipeline[]>;
}

/** How an account is searched: by the CRM (`capabilities.search`) or in the deals loaded so far. */
export type SearchMode = 'server' | 'loaded';

export type AccountStatus =
  /** The query is too short to search. */
  | { kind: 'idle' }
  /** Waiting for typing to settle, or for the CRM's answer. */
  | { kind: 'searching' }
  /** The CRM asked to slow down; the HTTP layer retries by itself at `until` (epoch ms). */
  | { kind: 'waiting'; until: number }
  | { kind: 'done'; matches: number }
  | { kind: 'failed'; problem: AccountProblem }
  /** Not asked at all: no usable key, or a CRM this version cannot connect to. */
  | { kind: 'skipped'; problem: AccountProblem };

export interface AccountSearch {
  accountId: string;
  label: string;
  crmName: string;
  mode: SearchMode;
  status: AccountStatus;
  /** For `loaded` mode: how many deals were looked through. */
  loadedCount?: number;
}

export interface SearchResult {
  accountId: string;
  accountLabel: string;
  crmName: string;
  deal: Deal;
  tier: MatchTier;
  /** The stage's name once the account's pipelines are known; never fetched just for this. */
  stageName?: string;
  mode: SearchMode;
}

/** Everything the quick pick shows, for one query. Results of an earlier query never appear here. */
export interface SearchState {
  /** The query as sent to the CRMs: trimmed, inner spaces collapsed. */
  query: string;
  tooShort: boolean;
  /** True while any account is still searching (or waiting on a rate limit). */
  busy: boolean;
  results: SearchResult[];
  accounts: AccountSearch[];
}
