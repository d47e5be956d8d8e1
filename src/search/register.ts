import * as vscode from 'vscode';
import type { Services } from '../commands/services';
import type { SearchableAccount } from './search-types';
import { showSearchQuickPick } from './search-quick-pick';

/** Deal search across accounts: `crmPipelines.searchDeals`, a quick pick that searches as the user types. */
export function registerSearch(services: Services): vscode.Disposable[] {
  let open: vscode.Disposable | undefined;
  return [
    vscode.commands.registerCommand('crmPipelines.searchDeals', () => {
      open?.dispose();
      open = showSearchQuickPick(accountsInViewOrder(services), {
        openDeal: (accountId, deal) => {
          // A deal the key may not read (ActiveCampaign "no access") has no panel; the tree shows it.
          if (!deal.locked) services.panels.open(accountId, deal.id);
          services.tree.revealDeal(services.treeView, accountId, deal).catch((error: unknown) => {
            services.log.warn(`Could not show the deal found by search in the Pipelines view: ${error instanceof Error ? error.message : String(error)}`);
          });
        },
        runAction: (action, accountId) => {
          if (action === 'setApiKey') void vscode.commands.executeCommand('crmPipelines.setApiKey', accountId ? { accountId } : undefined);
          else if (action === 'addAccount') void vscode.commands.executeCommand('crmPipelines.addAccount');
          else services.log.show(true);
        },
      });
    }),
    { dispose: () => open?.dispose() },
  ];
}

/** The accounts as the Pipelines view lists them: the order of the setting. */
function accountsInViewOrder(services: Services): SearchableAccount[] {
  return services.settings.read().accounts
    .map((account) => services.sessions.get(account.id))
    .filter((session) => session !== undefined);
}
