import * as vscode from 'vscode';
import { AccountSessions } from './accounts/account-sessions';
import { AccountSettings } from './accounts/account-settings';
import { KeyStore } from './accounts/key-store';
import { requestTimeoutMs } from './accounts/request-timeout';
import { keyRejectedPrompter } from './commands/key-rejected-prompt';
import { registerBoard } from './board/register';
import { registerCommands } from './commands/register';
import { registerTestHooks } from './commands/test-hooks';
import type { Services } from './commands/services';
import { DEAL_PANEL_TYPE, DealPanels } from './deal-panel/deal-panels';
import { closeSharedAgents } from './http';
import { registerMyTasks } from './my-tasks/register';
import { createProvider, descriptorFor, type ProviderHost } from './providers';
import { registerSearch } from './search/register';
import { PipelinesTree } from './tree/pipelines-tree';
import { createApi, type CrmPipelinesApi } from './tree/tree-api';

/** Composes the extension: services, the Pipelines view and the commands. No network, no logic. */
export function activate(context: vscode.ExtensionContext): CrmPipelinesApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('CRM Pipelines', { log: true });
  const settings = new AccountSettings();
  const keys = new KeyStore(context.secrets);
  const providerHost: ProviderHost = { logger: log, storageDir: context.globalStorageUri.fsPath };
  const onKeyRejected = keyRejectedPrompter();

  const sessions = new AccountSessions((account) => ({
    descriptor: descriptorFor(account.provider),
    readKey: (id) => keys.get(id),
    createProvider: (a, apiKey, onWait) =>
      createProvider(a, apiKey, {
        ...providerHost,
        requestTimeoutMs: requestTimeoutMs(log),
        onWait: (info) => info.reason === 'rateLimited' && onWait(info.delayMs),
      }),
    logError: (message) => log.error(message),
    onKeyRejected,
  }));
  const tree = new PipelinesTree(sessions, vscode.Uri.joinPath(context.extensionUri, 'media'));
  const treeView = vscode.window.createTreeView('crmPipelines.pipelines', { treeDataProvider: tree, showCollapseAll: true });
  const panels = new DealPanels(context.extensionUri, sessions, log);
  const services: Services = { settings, keys, sessions, tree, treeView, log, providerHost, panels, extensionUri: context.extensionUri };

  const loadAccounts = () => {
    const { accounts, invalid } = settings.read();
    sessions.sync(accounts);
    tree.setAccounts(accounts.map((a) => a.id), invalid);
    void vscode.commands.executeCommand('setContext', 'crmPipelines.hasAccounts', accounts.length + invalid.length > 0);
    void vscode.commands.executeCommand('setContext', 'crmPipelines.ready', true);
  };
  loadAccounts();

  context.subscriptions.push(
    log, settings, tree, treeView, sessions, panels,
    vscode.window.registerWebviewPanelSerializer(DEAL_PANEL_TYPE, panels),
    settings.onDidChange(loadAccounts),
    ...registerCommands(services),
    ...registerBoard(services),
    ...registerSearch(services),
    ...registerMyTasks(services),
    ...registerTestHooks(services, context.extensionMode),
  );
  log.info(`Activated in ${(performance.now() - started).toFixed(1)} ms.`);
  return createApi(tree.model);
}

/** Closes the keep-alive connections so the extension host can exit promptly. */
export function deactivate(): Promise<void> {
  return closeSharedAgents();
}
