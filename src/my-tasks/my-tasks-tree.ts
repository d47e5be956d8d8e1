import * as vscode from 'vscode';
import type { TreeEvents, TreeNode } from '../tree/nodes/tree-node';
import { toTreeItem, withTooltip } from '../tree/tree-item';
import type { MyTasksModel } from './my-tasks-model';

/**
 * Adapts the My Tasks model to VS Code's TreeDataProvider: it turns the nodes' plain views into
 * TreeItems and passes change events on, nothing more.
 */
export class MyTasksTree implements vscode.TreeDataProvider<TreeNode>, TreeEvents, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  model: MyTasksModel | undefined;

  constructor(private readonly mediaUri: vscode.Uri) {}

  changed(node?: TreeNode): void {
    this.changeEmitter.fire(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return toTreeItem(node, this.mediaUri);
  }

  getChildren(node?: TreeNode): Promise<TreeNode[]> | TreeNode[] {
    if (node) return node.children();
    return this.model?.roots() ?? [];
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return node.parent;
  }

  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): Promise<vscode.TreeItem> {
    return withTooltip(item, node);
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}
