import * as vscode from 'vscode';
import type { NodeIcon, TreeNode } from './nodes/tree-node';

const COLLAPSIBLE = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;

/** A node's plain view as VS Code's TreeItem; file icons are looked up in `mediaUri`. */
export function toTreeItem(node: TreeNode, mediaUri: vscode.Uri): vscode.TreeItem {
  const view = node.view();
  const item = new vscode.TreeItem(view.label, COLLAPSIBLE[view.collapsible]);
  item.id = node.id;
  item.description = view.description;
  item.contextValue = view.contextValue;
  item.iconPath = treeIcon(view.icon, mediaUri);
  if (view.tooltip) item.tooltip = view.tooltip;
  if (view.command) {
    item.command = { command: view.command.id, title: view.command.title, arguments: view.command.args ?? [node] };
  }
  return item;
}

/** VS Code's `resolveTreeItem`: the node's hover, built only when the user hovers. */
export async function withTooltip(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
  const markdown = await node.tooltip();
  if (markdown) item.tooltip = new vscode.MarkdownString(markdown);
  return item;
}

function treeIcon(icon: NodeIcon | undefined, mediaUri: vscode.Uri): vscode.TreeItem['iconPath'] {
  if (!icon) return undefined;
  if ('file' in icon) return vscode.Uri.joinPath(mediaUri, icon.file);
  return new vscode.ThemeIcon(icon.codicon, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}
