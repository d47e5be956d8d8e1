import * as vscode from 'vscode';
import type { Account } from '../model';
import { descriptorFor } from '../providers';

/**
 * Offers "Set API Key…" once per account per window when its key is rejected. The tree shows the
 * same action as a row, so a user who dismisses this is not asked again.
 */
export function keyRejectedPrompter(): (account: Account) => void {
  const asked = new Set<string>();
  return (account) => {
    if (asked.has(account.id)) return;
    asked.add(account.id);
    const name = descriptorFor(account.provider)?.displayName ?? account.provider;
    void vscode.window
      .showWarningMessage(`${name} rejected the API key of "${account.label}".`, 'Set API Key…')
      .then((choice) => {
        if (choice) void vscode.commands.executeCommand('crmPipelines.setApiKey', { accountId: account.id });
      });
  };
}
