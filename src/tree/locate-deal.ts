import type { Deal } from '../model';
import { MessageNode } from './nodes/message-node';
import { PipelineNode } from './nodes/pipeline-node';
import { StageNode } from './nodes/stage-node';
import type { TreeNode } from './nodes/tree-node';
import type { PipelinesTreeModel } from './tree-model';

/**
 * The tree node to reveal for a deal (from search): its row under account → pipeline → stage,
 * loading only what expanding those rows loads anyway. When a level cannot be reached (the
 * pipelines failed to load, the stage is unknown), the deepest node reached, whose row then says why.
 */
export async function locateDeal(model: PipelinesTreeModel, accountId: string, deal: Deal): Promise<TreeNode | undefined> {
  const account = model.account(accountId);
  if (!account) return undefined;
  const pipelines = await childrenOfType(account, PipelineNode, () => account.session.pipelines());
  const pipeline = deal.pipelineId
    ? pipelines.find((p) => p.pipeline.id === deal.pipelineId)
    : pipelines.find((p) => p.pipeline.stages.some((s) => s.id === deal.stageId));
  if (!pipeline) return account;
  const stages = (await pipeline.children()).filter((child) => child instanceof StageNode);
  const stage = stages.find((s) => s.stage.id === deal.stageId);
  if (!stage) return pipeline;
  return stage.rowFor(deal);
}

async function childrenOfType<T extends TreeNode>(node: TreeNode, type: abstract new (...args: never[]) => T, load: () => Promise<unknown>): Promise<T[]> {
  let children = await node.children();
  if (children.some(isWaitNotice)) {
    // "Rate limited — retrying in 12 s" stands in for the rows while they load: wait for them.
    await load().catch(() => undefined);
    node.forgetChildren();
    children = await node.children();
  }
  return children.filter((child): child is T => child instanceof type);
}

function isWaitNotice(node: TreeNode): boolean {
  return node instanceof MessageNode && node.view().contextValue === 'message waiting';
}
