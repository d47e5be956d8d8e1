import { formatAmount, formatCount } from '../util/format';
import { MIN_QUERY_LENGTH } from './deal-search';
import type { NoteAction } from './search-errors';
import type { AccountSearch, SearchMode, SearchResult, SearchState } from './search-types';

/** One row of the quick pick, as plain data; `search-quick-pick.ts` turns it into a QuickPickItem. */
export type SearchRow =
  | { kind: 'deal'; label: string; description: string; detail: string; result: SearchResult }
  | { kind: 'note'; label: string; description?: string; detail?: string; icon: NoteIcon; accountId?: string; action?: NoteAction }
  | { kind: 'separator'; label: string };

export type NoteIcon = 'error' | 'warning' | 'key' | 'watch' | 'info';

const ACTION_TITLES: Record<NoteAction, string> = { setApiKey: 'Set API Key…', retry: 'Retry', showLog: 'Show Log', addAccount: 'Add Account…' };

/** "Search deals by name — server-side: Acme, Demo · loaded deals only: Sample CRM". */
export function searchPlaceholder(accounts: readonly { label: string; mode: SearchMode }[]): string {
  if (accounts.length === 0) return 'No accounts to search yet';
  const server = accounts.filter((a) => a.mode === 'server').map((a) => a.label);
  const loaded = accounts.filter((a) => a.mode === 'loaded').map((a) => a.label);
  const parts = [
    server.length ? `server-side: ${server.join(', ')}` : undefined,
    loaded.length ? `loaded deals only: ${loaded.join(', ')}` : undefined,
  ].filter(Boolean);
  return `Search deals by name — ${parts.join(' · ')}`;
}

/** The rows for a state: results first (what Enter picks), then a line per account that needs saying. */
export function searchRows(state: SearchState, options: { locale?: string; now?: number } = {}): SearchRow[] {
  if (state.accounts.length === 0) {
    return [{ kind: 'note', label: `No accounts to search — ${ACTION_TITLES.addAccount}`, icon: 'info', action: 'addAccount' }];
  }
  if (state.tooShort) {
    return state.query
      ? [{ kind: 'note', label: `Type at least ${MIN_QUERY_LENGTH} characters to search`, icon: 'info' }]
      : [];
  }
  const deals: SearchRow[] = state.results.map((result) => dealRow(result, options.locale));
  const notes = state.accounts.flatMap((account) => noteRows(account, options));
  if (deals.length === 0) {
    const nobodyAnswered = state.accounts.every((a) => a.status.kind !== 'done');
    if (!state.busy && !nobodyAnswered) notes.unshift({ kind: 'note', label: `No deals match "${state.query}"`, icon: 'info' });
    return notes;
  }
  return notes.length ? [...deals, { kind: 'separator', label: 'Accounts' }, ...notes] : deals;
}

function dealRow(result: SearchResult, locale?: string): SearchRow {
  const { deal } = result;
  const description = deal.locked
    ? 'no access'
    : [deal.amount ? formatAmount(deal.amount, deal.amountPeriod, locale) : undefined, result.stageName].filter(Boolean).join(' · ');
  return {
    kind: 'deal',
    label: deal.name || '(no name)',
    description,
    detail: `${result.accountLabel} · ${result.crmName}`,
    result,
  };
}

function noteRows(account: AccountSearch, options: { locale?: string; now?: number }): SearchRow[] {
  const { status } = account;
  const base = { accountId: account.accountId, description: account.crmName };
  switch (status.kind) {
    case 'waiting': {
      const seconds = Math.max(1, Math.ceil((status.until - (options.now ?? Date.now())) / 1000));
      return [{ kind: 'note', ...base, label: `${account.label}: rate limited — retrying in ${seconds} s`, icon: 'watch' }];
    }
    case 'failed':
    case 'skipped': {
      const { problem } = status;
      const action = problem.action ? ` — ${ACTION_TITLES[problem.action]}` : '';
      return [{
        kind: 'note', ...base, label: `${account.label}: ${problem.text}${action}`, detail: problem.detail,
        icon: problem.action === 'setApiKey' ? 'key' : status.kind === 'failed' ? 'error' : 'warning', action: problem.action,
      }];
    }
    case 'done': {
      if (account.mode !== 'loaded' || status.matches > 0) return [];
      const count = account.loadedCount ?? 0;
      const looked = count === 0 ? 'none of its deals are loaded yet' : `no match in the ${formatCount(count, options.locale)} deals loaded`;
      return [{
        kind: 'note', ...base, icon: 'info',
        label: `${account.label}: ${looked} — expand its stages or Load more in the Pipelines view`,
        detail: `${account.crmName} has no server-side search, so only deals already loaded are searched.`,
      }];
    }
    default:
      return [];
  }
}
