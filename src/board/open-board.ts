import * as vscode from 'vscode';
import { z } from 'zod';
import type { Services } from '../commands/services';
import { DealNode } from '../tree/nodes/deal-node';
import { PipelineNode } from '../tree/nodes/pipeline-node';
import { StageNode } from '../tree/nodes/stage-node';
import type { BoardPanels } from './board-panels';

const OpenBoardArg = z.object({ accountId: z.string().min(1), pipelineId: z.string().min(1) });
type BoardTarget = z.infer<typeof OpenBoardArg>;

/**
 * Opens (or reveals) a pipeline's board: from a pipeline row (or a stage or deal row under it), a
 * script's `{accountId, pipelineId}`, the tree's selection, or else a pick of every account's pipelines.
 */
export async function openBoard(services: Services, boards: BoardPanels, arg?: unknown): Promise<boolean> {
  const target = fromNode(arg ?? services.treeView.selection[0]) ?? (arg === undefined ? undefined : OpenBoardArg.safeParse(arg).data);
  if (arg !== undefined && !target) throw new Error('Open Pipeline Board takes a pipeline row or {accountId, pipelineId}.');
  const chosen = target ?? (await pickPipeline(services));
  if (!chosen) return false;
  if (!services.sessions.get(chosen.accountId)) throw new Error(`No account with the id "${chosen.accountId}".`);
  boards.open(chosen.accountId, chosen.pipelineId);
  return true;
}

function fromNode(node: unknown): BoardTarget | undefined {
  if (node instanceof PipelineNode) return { accountId: node.session.account.id, pipelineId: node.pipeline.id };
  if (node instanceof StageNode) return { accountId: node.session.account.id, pipelineId: node.stage.pipelineId };
  if (node instanceof DealNode && node.deal.pipelineId) return { accountId: node.accountId, pipelineId: node.deal.pipelineId };
  return undefined;
}

async function pickPipeline(services: Services): Promise<BoardTarget | undefined> {
  const sessions = services.sessions.all();
  if (sessions.length === 0) {
    void vscode.window.showInformationMessage('Add a CRM account first ("CRM: Add Account…" or "CRM: Try the Sample CRM").');
    return undefined;
  }
  type Item = vscode.QuickPickItem & { target?: BoardTarget };
  const items = Promise.all(sessions.map(async (session): Promise<Item[]> => {
    try {
      const pipelines = await session.pipelines();
      return pipelines.map((p) => ({ label: p.name, description: session.account.label, target: { accountId: session.account.id, pipelineId: p.id } }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return [{ label: `$(warning) ${session.account.label}`, description: 'pipelines could not be loaded', detail: reason }];
    }
  })).then((groups) => groups.flat());
  const picked = await vscode.window.showQuickPick(items, { title: 'Open Pipeline Board', placeHolder: 'Choose a pipeline', matchOnDescription: true });
  return picked?.target;
}
