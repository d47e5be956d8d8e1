import * as vscode from 'vscode';
import type { Account } from '../model';
import { descriptorFor } from '../providers';
import { AccountNode } from '../tree/nodes/account-node';
import type { TreeNode } from '../tree/nodes/tree-node';
import type { Services } from './services';

/**
 * The account a command applies to: the tree node it was run on, an `{accountId}` argument from a
 * script, the account of the selected row, or (from the palette) one the user picks.
 */
export async function resolveAccount(
  services: Services,
  arg: unknown,
  options: { title: string; filter?: (account: Account) => boolean },
): Promise<Account | undefined> {
  const { accounts } = services.settings.read();
  const candidates = accounts.filter(options.filter ?? (() => true));
  const requested = accountIdOf(arg) ?? accountIdOf(services.treeView.selection[0]);
  if (requested) {
    const account = candidates.find((a) => a.id === requested);
    if (account) return account;
    if (arg !== undefined) throw new Error(`No account with the id "${requested}" fits this command.`);
  }
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage('There is no account this command applies to. Add one with "CRM: Add Account…".');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await vscode.window.showQuickPick(
    candidates.map((account) => ({
      label: account.label,
      description: descriptorFor(account.provider)?.displayName ?? account.provider,
      account,
    })),
    { title: options.title, placeHolder: 'Choose an account' },
  );
  return picked?.account;
}

function accountIdOf(arg: unknown): string | undefined {
  if (arg instanceof AccountNode) return arg.accountId;
  if (arg && typeof arg === 'object') {
    if ('accountId' in arg && typeof arg.accountId === 'string') return arg.accountId;
    // Any node below an account: walk up to it.
    let node = arg as TreeNode;
    while (node && 'parent' in node && node.parent) node = node.parent;
    if (node instanceof AccountNode) return node.accountId;
  }
  return undefined;
}
