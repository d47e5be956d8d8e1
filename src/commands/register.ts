import * as vscode from 'vscode';
import type { TreeNode } from '../tree/nodes/tree-node';
import { removeAccount, resetSampleData, setApiKey, trySample } from './account-commands';
import { addAccount } from './add-account';
import { openDeal } from './open-deal';
import type { Services } from './services';
import { copyDealId, loadMore, openInBrowser, refresh, retry } from './tree-commands';

/** Registers every contributed command; each returns a value so scripts and tests can use it. */
export function registerCommands(services: Services): vscode.Disposable[] {
  const commands: Record<string, (...args: never[]) => unknown> = {
    'crmPipelines.addAccount': (arg?: unknown) => addAccount(services, arg),
    'crmPipelines.trySample': () => trySample(services),
    'crmPipelines.removeAccount': (arg?: unknown) => removeAccount(services, arg),
    'crmPipelines.setApiKey': (arg?: unknown) => setApiKey(services, arg),
    'crmPipelines.resetSampleData': (arg?: unknown) => resetSampleData(services, arg),
    'crmPipelines.refresh': (node?: TreeNode) => refresh(services, node),
    'crmPipelines.loadMore': (node?: unknown) => loadMore(node),
    'crmPipelines.retry': (node?: unknown) => retry(services, node),
    'crmPipelines.openDeal': (arg?: unknown) => openDeal(services, arg),
    'crmPipelines.openInBrowser': (node?: TreeNode) => openInBrowser(services, node),
    'crmPipelines.copyDealId': (node?: TreeNode) => copyDealId(services, node),
    'crmPipelines.showLog': () => services.log.show(true),
  };
  return Object.entries(commands).map(([id, run]) => vscode.commands.registerCommand(id, run));
}
