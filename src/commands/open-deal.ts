import * as vscode from 'vscode';
import { z } from 'zod';
import { DealNode } from '../tree/nodes/deal-node';
import type { Services } from './services';

const OpenDealArg = z.object({ accountId: z.string().min(1), dealId: z.string().min(1) });

/** Opens (or reveals) the deal's panel, from a tree row, a script's `{accountId, dealId}`, or the selection. */
export function openDeal(services: Services, arg?: unknown): boolean {
  const target = arg ?? services.treeView.selection[0];
  const ids = target instanceof DealNode
    ? { accountId: target.accountId, dealId: target.deal.id }
    : OpenDealArg.safeParse(target).data;
  if (!ids) {
    if (arg !== undefined) throw new Error('Open Deal takes {accountId, dealId}.');
    void vscode.window.showInformationMessage('Select a deal in the Pipelines view, then run "Open Deal" again.');
    return false;
  }
  if (!services.sessions.get(ids.accountId)) throw new Error(`No account with the id "${ids.accountId}".`);
  services.panels.open(ids.accountId, ids.dealId);
  return true;
}
