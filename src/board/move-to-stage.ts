import * as vscode from 'vscode';
import { z } from 'zod';
import type { AccountSession } from '../accounts/account-session';
import type { Services } from '../commands/services';
import { toErrorInfo } from '../deal-panel/error-info';
import type { Deal, Pipeline } from '../model';
import type { MoveTarget } from '../protocol/board-messages';
import { DealNode } from '../tree/nodes/deal-node';
import { readOnlyReason, refuseMove, targetName, writeMove } from './move-deal';

const MoveArg = z.object({
  accountId: z.string().min(1),
  dealId: z.string().min(1),
  stageId: z.string().min(1).optional(),
  outcome: z.enum(['won', 'lost']).optional(),
});

/**
 * "Move to Stage…": a deal row (or a script's `{accountId, dealId, stageId?}`, or the tree's
 * selection, or a pick of the deals loaded so far), then a pick of its pipeline's stages, written
 * like a board move. Resolves with the stored deal, or undefined when nothing was moved.
 */
export async function moveToStage(services: Services, arg?: unknown): Promise<Deal | undefined> {
  const parsed = arg !== undefined && !(arg instanceof DealNode) ? MoveArg.safeParse(arg) : undefined;
  if (parsed && !parsed.success) throw new Error('Move to Stage takes a deal row or {accountId, dealId, stageId?}.');
  const chosen = await chooseDeal(services, arg instanceof DealNode ? arg : parsed?.data ?? services.treeView.selection[0]);
  if (!chosen) return undefined;
  const { session, deal } = chosen;
  const crm = session.descriptor?.displayName ?? session.account.provider;
  const readOnly = readOnlyReason(session.descriptor, crm);
  if (readOnly || deal.locked) {
    void vscode.window.showInformationMessage(readOnly ?? deal.locked ?? '');
    return undefined;
  }
  const pipeline = (await session.pipelines()).find((p) => p.id === deal.pipelineId);
  const target = parsed?.data?.stageId ? { stageId: parsed.data.stageId }
    : parsed?.data?.outcome ? { outcome: parsed.data.outcome }
    : await pickTarget(session, deal, pipeline);
  if (!target) return undefined;
  if ('stageId' in target ? target.stageId === deal.stageId : target.outcome === deal.outcome) return undefined;
  const refused = refuseMove(session, deal, target);
  if (refused) {
    void vscode.window.showInformationMessage(refused);
    return undefined;
  }
  return write(services, session, deal, target, targetName(pipeline, target));
}

async function write(services: Services, session: AccountSession, deal: Deal, target: MoveTarget, where: string): Promise<Deal | undefined> {
  try {
    const stored = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Moving "${deal.name}" to ${where}…` },
      () => writeMove(session, deal, target),
    );
    void services.panels.controller(session.account.id, deal.id)?.load();
    vscode.window.setStatusBarMessage(`Moved "${stored.name || deal.name}" to ${where}.`, 4000);
    return stored;
  } catch (error) {
    const info = toErrorInfo(error);
    const account = info.message.includes(session.account.label) ? '' : ` in ${session.account.label}`;
    const choice = await vscode.window.showErrorMessage(
      `Could not move "${deal.name}" to ${where}${account}. ${info.message}`, ...(info.retryable ? ['Retry'] : []), 'Show Log');
    if (choice === 'Retry') return write(services, session, deal, target, where);
    if (choice === 'Show Log') services.log.show(true);
    return undefined;
  }
}

type DealChoice = { session: AccountSession; deal: Deal };

async function chooseDeal(services: Services, target: unknown): Promise<DealChoice | undefined> {
  if (target instanceof DealNode) return { session: target.session, deal: target.deal };
  const ids = MoveArg.safeParse(target).data;
  if (ids) {
    const session = services.sessions.get(ids.accountId);
    if (!session) throw new Error(`No account with the id "${ids.accountId}".`);
    const deal = session.loadedDeals().find((d) => d.id === ids.dealId) ?? (await session.call((p) => p.fetchDeal(ids.dealId)));
    return { session, deal };
  }
  const loaded = services.sessions.all().flatMap((session) => session.loadedDeals().filter((d) => !d.locked).map((deal) => ({ session, deal })));
  if (loaded.length === 0) {
    void vscode.window.showInformationMessage('Select a deal in the Pipelines view, then run "Move to Stage…" again.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    loaded.map((choice) => ({ label: choice.deal.name || '(no name)', description: choice.session.account.label, choice })),
    { title: 'Move to Stage', placeHolder: 'Choose a deal (the deals loaded so far)', matchOnDescription: true },
  );
  return picked?.choice;
}

async function pickTarget(session: AccountSession, deal: Deal, pipeline: Pipeline | undefined): Promise<MoveTarget | undefined> {
  if (!pipeline) {
    void vscode.window.showErrorMessage(`The pipeline of "${deal.name}" is no longer in ${session.account.label}; refresh the Pipelines view.`);
    return undefined;
  }
  type Item = vscode.QuickPickItem & { target?: MoveTarget };
  const caps = session.descriptor?.capabilities;
  const stages: Item[] = caps?.moveStage
    ? [...pipeline.stages].sort((a, b) => a.order - b.order).map((stage) => {
      const current = stage.id === deal.stageId;
      const outcome = stage.outcome === 'won' || stage.outcome === 'lost' ? stage.outcome : undefined;
      return {
        label: `${current ? '$(check)' : '$(blank)'} ${stage.name}`,
        description: [current ? 'current stage' : undefined, outcome].filter(Boolean).join(' · ') || undefined,
        target: { stageId: stage.id },
      };
    })
    : [];
  const outcomes: Item[] = caps?.setOutcome
    ? [
      { label: 'Outcome', kind: vscode.QuickPickItemKind.Separator },
      ...(['won', 'lost'] as const).map((outcome) => ({
        label: `${deal.outcome === outcome ? '$(check)' : '$(blank)'} Mark as ${outcome === 'won' ? 'Won' : 'Lost'}`,
        description: deal.outcome === outcome ? 'current outcome' : undefined,
        target: { outcome },
      })),
    ]
    : [];
  const picked = await vscode.window.showQuickPick([...stages, ...outcomes], {
    title: `Move "${deal.name}" to Stage`,
    placeHolder: `${pipeline.name} — ${session.account.label}`,
  });
  return picked?.target;
}
