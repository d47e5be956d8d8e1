import type { Deal, Money } from '../model';
import type { ErrorInfo } from '../protocol';
import type { MoveTarget } from '../protocol/board-messages';

interface PendingMove {
  from: string;
  target: MoveTarget;
  /** The deal as shown while the CRM has not answered: in its new stage, or with its new outcome. */
  shown: Deal;
}

interface FailedMove {
  target: MoveTarget;
  error: ErrorInfo;
}

/**
 * The board's moves on top of the shared stage lists: those being written (drawn where they are
 * going) and those that failed (drawn where they were, with the error and the target for Retry).
 * The lists themselves change only when the CRM confirms, through the session.
 */
export class MovesInFlight {
  private readonly pending = new Map<string, PendingMove>();
  private readonly failed = new Map<string, FailedMove>();

  begin(dealId: string, from: string, target: MoveTarget, shown: Deal): void {
    this.failed.delete(dealId);
    this.pending.set(dealId, { from, target, shown });
  }

  settle(dealId: string): void {
    this.pending.delete(dealId);
  }

  fail(dealId: string, target: MoveTarget, error: ErrorInfo): void {
    this.pending.delete(dealId);
    this.failed.set(dealId, { target, error });
  }

  dismiss(dealId: string): void {
    this.failed.delete(dealId);
  }

  isSaving(dealId: string): boolean {
    return this.pending.has(dealId);
  }

  errorOf(dealId: string): ErrorInfo | undefined {
    return this.failed.get(dealId)?.error;
  }

  /** Where a failed move was going, for Retry. */
  failedTarget(dealId: string): MoveTarget | undefined {
    return this.failed.get(dealId)?.target;
  }

  /** A deal being moved, as shown, and the column it is shown in. */
  shown(dealId: string): { deal: Deal; stageId: string } | undefined {
    const move = this.pending.get(dealId);
    return move && { deal: move.shown, stageId: 'stageId' in move.target ? move.target.stageId : move.from };
  }

  /** A stage's deals with the moves applied: moved-in ones on top, moved-out ones gone, and what that does to its count and totals. */
  overlay(stageId: string, items: readonly Deal[]): { deals: Deal[]; countDelta: number; amountDelta: Money[] } {
    const deals: Deal[] = [];
    let countDelta = 0;
    const amountDelta: Money[] = [];
    for (const move of this.pending.values()) {
      if ('stageId' in move.target && move.target.stageId === stageId && move.from !== stageId) {
        deals.push(move.shown);
        countDelta += 1;
        if (move.shown.amount) amountDelta.push(move.shown.amount);
      }
    }
    for (const deal of items) {
      const move = this.pending.get(deal.id);
      if (move && 'stageId' in move.target && move.target.stageId !== stageId) {
        countDelta -= 1;
        if (deal.amount) amountDelta.push({ ...deal.amount, minor: (-BigInt(deal.amount.minor)).toString() });
        continue;
      }
      deals.push(move ? move.shown : deal);
    }
    return { deals, countDelta, amountDelta };
  }
}
