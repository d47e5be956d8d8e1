import * as vscode from 'vscode';
import { AccountNode } from '../tree/nodes/account-node';
import { DealNode } from '../tree/nodes/deal-node';
import { PipelineNode } from '../tree/nodes/pipeline-node';
import { StageNode } from '../tree/nodes/stage-node';
import type { TreeNode } from '../tree/nodes/tree-node';
import type { Services } from './services';

/** Refreshes one node (its cached data is dropped and fetched again), or every account. */
export function refresh(services: Services, node?: TreeNode): void {
  if (node instanceof AccountNode) node.session.invalidate();
  else if (node instanceof PipelineNode) node.session.invalidate({ pipelineId: node.pipeline.id });
  else if (node instanceof StageNode) node.session.invalidate({ pipelineId: node.stage.pipelineId, stageId: node.stage.id });
  else {
    for (const session of services.sessions.all()) session.invalidate();
    const { accounts, invalid } = services.settings.read();
    services.tree.setAccounts(accounts.map((a) => a.id), invalid);
    return;
  }
  node.forgetChildren();
  services.tree.changed(node);
}

export async function loadMore(node: unknown): Promise<void> {
  if (node instanceof StageNode) await node.loadMore();
}

/** Tries a failed load again: the node's own data is fetched anew. */
export async function retry(services: Services, node: unknown): Promise<void> {
  if (node instanceof StageNode) await node.retry();
  else if (node instanceof AccountNode) refresh(services, node);
  else if (node && typeof node === 'object') refresh(services, node as TreeNode);
}

export async function openInBrowser(services: Services, node?: TreeNode): Promise<void> {
  const target = node ?? services.treeView.selection[0];
  const url = target instanceof DealNode || target instanceof PipelineNode ? target.webUrl() : undefined;
  if (!url) {
    void vscode.window.showInformationMessage('Select a deal or pipeline of a CRM that has a web app, then run "Open in Browser" again.');
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(url));
}

export async function copyDealId(services: Services, node?: TreeNode): Promise<string | undefined> {
  const target = node ?? services.treeView.selection[0];
  if (!(target instanceof DealNode)) {
    void vscode.window.showInformationMessage('Select a deal in the Pipelines view, then run "Copy Deal ID" again.');
    return undefined;
  }
  await vscode.env.clipboard.writeText(target.deal.id);
  vscode.window.setStatusBarMessage(`Copied deal ID ${target.deal.id}`, 3000);
  return target.deal.id;
}
