import * as vscode from 'vscode';
import type { Services } from '../commands/services';

/** Deal search across accounts: `crmPipelines.searchDeals`. (Being built: issue 7.) */
export function registerSearch(_services: Services): vscode.Disposable[] {
  return [vscode.commands.registerCommand('crmPipelines.searchDeals', () => { throw new Error('Search is not built yet.'); })];
}
