import type * as vscode from 'vscode';
import type { AccountSessions } from '../accounts/account-sessions';
import type { AccountSettings } from '../accounts/account-settings';
import type { DealPanels } from '../deal-panel/deal-panels';
import type { KeyStore } from '../accounts/key-store';
import type { ProviderHost } from '../providers';
import type { TreeNode } from '../tree/nodes/tree-node';
import type { PipelinesTree } from '../tree/pipelines-tree';

/** The services commands work with, built once in extension.ts and passed in. */
export interface Services {
  settings: AccountSettings;
  keys: KeyStore;
  sessions: AccountSessions;
  tree: PipelinesTree;
  treeView: vscode.TreeView<TreeNode>;
  log: vscode.LogOutputChannel;
  panels: DealPanels;
  /** The extension's folder: where webviews load dist/ and media/ from. */
  extensionUri: vscode.Uri;
  /** The host part of a provider's context, for clients made outside a session (key checks). */
  providerHost: ProviderHost;
}
