import * as vscode from 'vscode';
import type { NodeIcon, NodeView, TreeEvents, TreeNode } from '../tree/nodes/tree-node';
import type { MyTasksModel } from './my-tasks-model';

/**
 * Adapts the My Tasks model to VS Code's TreeDataProvider: it turns the nodes' plain views into
 * TreeItems and passes change events on, nothing more.
 */
export class MyTasksTree implements vscode.TreeDataProvider<TreeNode>, TreeEvents, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  model: MyTasksModel | undefined;

  changed(node?: TreeNode): void {
    this.changeEmitter.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node.view(), node);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    if (node) return node.children();
    return this.model?.roots() ?? [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    const markdown = await node.tooltip();
    if (markdown) item.tooltip = new vscode.MarkdownString(markdown);
    return item;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

function toTreeItem(view: NodeView, node: TreeNode): vscode.TreeItem {
  const state = {
    none: vscode.TreeItemCollapsibleState.None,
    collapsed: vscode.TreeItemCollapsibleState.Collapsed,
    expanded: vscode.TreeItemCollapsibleState.Expanded,
  }[view.collapsible];
  const item = new vscode.TreeItem(view.label, state);
  item.id = node.id;
  item.description = view.description;
  item.contextValue = view.contextValue;
  item.iconPath = icon(view.icon);
  if (view.tooltip) item.tooltip = view.tooltip;
  if (view.command) {
    item.command = { command: view.command.id, title: view.command.title, arguments: view.command.args ?? [node] };
  }
  return item;
}

function icon(icon: NodeIcon | undefined): vscode.TreeItem['iconPath'] {
  if (!icon || 'file' in icon) return undefined;
  return new vscode.ThemeIcon(icon.codicon, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
}
