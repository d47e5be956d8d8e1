import type { Account, Deal, Pipeline } from '../model';
import type { CrmProvider, DealPatch, ProviderDescriptor } from '../providers/contract';
import type { MoveTarget } from '../protocol/board-messages';

/** What a move needs of an account: the session satisfies it. */
export interface MoveSource {
  readonly account: Account;
  readonly descriptor: ProviderDescriptor | undefined;
  call<T>(action: (provider: CrmProvider) => Promise<T>): Promise<T>;
  dealChanged(deal: Deal, previousStageId?: string): void;
}

/** Why the board of this CRM cannot move deals at all, or undefined when it can. */
export function readOnlyReason(descriptor: ProviderDescriptor | undefined, providerName: string): string | undefined {
  if (!descriptor) return `This version of CRM Pipelines cannot change deals in ${providerName}.`;
  const caps = descriptor.capabilities;
  if (!caps.moveStage && !caps.setOutcome) {
    return caps.updateDeal
      ? `${descriptor.displayName} does not let CRM Pipelines move deals between stages, so this board is read-only.`
      : `${descriptor.displayName}'s API is read-only, so this board shows deals but cannot move them.`;
  }
  return undefined;
}

/** Says why this move cannot be sent, or undefined when it may be. Decided before any request. */
export function refuseMove(source: Pick<MoveSource, 'descriptor' | 'account'>, deal: Deal, target: MoveTarget): string | undefined {
  const crm = source.descriptor?.displayName ?? source.account.provider;
  const caps = source.descriptor?.capabilities;
  if (deal.locked) return deal.locked;
  if ('stageId' in target) {
    if (!caps?.moveStage) return readOnlyReason(source.descriptor, crm) ?? `${crm} does not let CRM Pipelines move deals between stages.`;
    return undefined;
  }
  if (!caps?.setOutcome) return `${crm} sets won or lost through the stage: move the deal to a won or lost stage instead.`;
  return undefined;
}

/** The name of where a move goes: the stage's name, or "Won"/"Lost". */
export function targetName(pipeline: Pipeline | undefined, target: MoveTarget): string {
  if ('outcome' in target) return target.outcome === 'won' ? 'Won' : 'Lost';
  return pipeline?.stages.find((s) => s.id === target.stageId)?.name ?? target.stageId;
}

export function patchFor(target: MoveTarget): DealPatch {
  return 'stageId' in target ? { stageId: target.stageId } : { outcome: target.outcome };
}

/**
 * Writes a move through the provider and puts the stored deal in the shared lists, so the tree,
 * the board and search see the same deal and the stages' counts and totals stay exact.
 */
export async function writeMove(source: MoveSource, deal: Deal, target: MoveTarget, beforeListsChange?: () => void): Promise<Deal> {
  const stored = await source.call((p) => p.updateDeal(deal.id, patchFor(target)));
  beforeListsChange?.();
  source.dealChanged(stored, deal.stageId);
  return stored;
}
