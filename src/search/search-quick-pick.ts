import * as vscode from 'vscode';
import type { Deal } from '../model';
import { DealSearch } from './deal-search';
import type { NoteAction } from './search-errors';
import { searchPlaceholder, searchRows, type NoteIcon, type SearchRow } from './search-items';
import type { SearchableAccount, SearchState } from './search-types';

interface SearchItem extends vscode.QuickPickItem {
  row: SearchRow;
}

export interface SearchPickHandlers {
  /** A deal was chosen: open it and show it in the tree. */
  openDeal(accountId: string, deal: Deal): void;
  /** An account's line was chosen: Set API Key…, Show Log (Retry is handled here). */
  runAction(action: Exclude<NoteAction, 'retry'>, accountId: string | undefined): void;
}

const ICONS: Record<NoteIcon, string> = { error: 'error', warning: 'warning', key: 'key', watch: 'watch', info: 'info' };

/**
 * The quick pick over a DealSearch: it only draws states and passes typing and choices along. We
 * filter ourselves (server search may match fields the label lacks), so every item is alwaysShow.
 */
export function showSearchQuickPick(accounts: readonly SearchableAccount[], handlers: SearchPickHandlers): vscode.Disposable {
  const search = new DealSearch({ accounts });
  const pick = vscode.window.createQuickPick<SearchItem>();
  pick.title = 'Search Deals';
  pick.placeholder = searchPlaceholder(accounts.map((a) => ({ label: a.account.label, mode: search.modeOf(a) })));
  pick.matchOnDescription = false;
  pick.matchOnDetail = false;
  pick.keepScrollPosition = true;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let latest: SearchState = search.state;

  const draw = (state: SearchState) => {
    latest = state;
    const previous = pick.activeItems[0]?.row;
    const items = searchRows(state, { locale: vscode.env.language }).map(toItem);
    pick.items = items;
    pick.busy = state.busy;
    // Keep the row the user moved to when answers stream in, instead of jumping back to the top.
    const again = previous?.kind === 'deal' ? items.find((i) => i.row.kind === 'deal' && sameDeal(i.row, previous)) : undefined;
    if (again) pick.activeItems = [again];
    // A "retrying in 12 s" line counts down while an account waits on a rate limit.
    const waiting = state.accounts.some((a) => a.status.kind === 'waiting');
    if (waiting && !ticker) ticker = setInterval(() => draw(latest), 1000);
    if (!waiting && ticker) {
      clearInterval(ticker);
      ticker = undefined;
    }
  };

  const disposables: vscode.Disposable[] = [
    search.onDidChange(draw) as vscode.Disposable,
    pick.onDidChangeValue((value) => search.setQuery(value)),
    pick.onDidAccept(() => {
      const row = pick.selectedItems[0]?.row ?? pick.activeItems[0]?.row;
      if (!row || row.kind === 'separator') return;
      if (row.kind === 'deal') {
        pick.hide();
        handlers.openDeal(row.result.accountId, row.result.deal);
      } else if (row.action === 'retry') {
        if (row.accountId) search.retry(row.accountId);
      } else if (row.action) {
        pick.hide();
        handlers.runAction(row.action, row.accountId);
      }
    }),
  ];
  const dispose = () => {
    if (ticker) clearInterval(ticker);
    for (const d of disposables) d.dispose();
    search.dispose();
    pick.dispose();
  };
  disposables.push(pick.onDidHide(dispose));
  draw(search.state);
  pick.show();
  return { dispose: () => pick.hide() };
}

function sameDeal(a: SearchRow & { kind: 'deal' }, b: SearchRow & { kind: 'deal' }): boolean {
  return a.result.accountId === b.result.accountId && a.result.deal.id === b.result.deal.id;
}

function toItem(row: SearchRow): SearchItem {
  switch (row.kind) {
    case 'separator':
      return { row, label: row.label, kind: vscode.QuickPickItemKind.Separator, alwaysShow: true };
    case 'deal':
      return { row, label: row.label, description: row.description, detail: row.detail, alwaysShow: true };
    case 'note':
      return {
        row, label: row.label, description: row.description, detail: row.detail,
        iconPath: new vscode.ThemeIcon(ICONS[row.icon]), alwaysShow: true,
      };
  }
}
