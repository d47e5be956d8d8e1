import type { StageDealList } from '../accounts/stage-deal-list';
import { totalsByCurrency, type Deal, type Due, type Money, type Stage } from '../model';
import type { BoardCard, BoardColumn } from '../protocol/board-messages';
import type { ErrorInfo } from '../protocol';
import { BoardFormat } from './board-format';
import { isOverdue } from './next-due';
import { scaleTotals, weightedTotals, type Weighted } from './weighted-total';

const DAY_MS = 86_400_000;

/** What every card of a board is drawn against. */
export interface CardContext {
  now: Date;
  staleAfterDays: number;
  format: BoardFormat;
  /** Earliest open task due moment per deal id. */
  nextDue: ReadonlyMap<string, Due>;
}

/** A card's move state, kept by the controller over the shared lists. */
export interface CardState {
  saving: boolean;
  error?: ErrorInfo;
}

export function cardView(deal: Deal, context: CardContext, state: CardState = { saving: false }): BoardCard {
  const { format } = context;
  const due = context.nextDue.get(deal.id);
  return {
    id: deal.id,
    name: deal.name || '(no name)',
    amount: deal.amount ? format.amount(deal.amount, deal.amountPeriod) : undefined,
    owner: deal.owner,
    closeDate: deal.expectedClose ? format.day(deal.expectedClose) : undefined,
    nextDue: due ? { text: due.kind === 'date' ? format.day(due.value) : format.instant(due.value), overdue: isOverdue(due, context.now) } : undefined,
    staleDays: staleDays(deal, context),
    outcome: deal.outcome,
    locked: deal.locked,
    saving: state.saving,
    error: state.error,
  };
}

/** Whole days since an open deal last changed, when that reaches the setting; won and lost deals never go stale. */
export function staleDays(deal: Deal, context: Pick<CardContext, 'now' | 'staleAfterDays'>): number | undefined {
  if (deal.outcome === 'won' || deal.outcome === 'lost' || !deal.updatedAt) return undefined;
  const updated = Date.parse(deal.updatedAt);
  if (Number.isNaN(updated)) return undefined;
  const days = Math.floor((context.now.getTime() - updated) / DAY_MS);
  return days >= context.staleAfterDays ? days : undefined;
}

/** The deals a column shows, and how moves in flight change its count and totals before the CRM confirms. */
export interface ColumnContent {
  deals: readonly Deal[];
  cards: BoardCard[];
  /** Deals moved in (+1 each) or out (−1 each) optimistically. */
  countDelta: number;
  /** Their amounts, negated for deals moved out. */
  amountDelta: Money[];
}

export type ListState = Pick<StageDealList, 'items' | 'total' | 'totals' | 'hasMore' | 'hasFirstPage' | 'isLoading' | 'error'>;

export function columnView(stage: Stage, list: ListState, content: ColumnContent, format: BoardFormat, error?: ErrorInfo): BoardColumn {
  const loaded = list.items.length + content.countDelta;
  const total = list.total !== undefined ? Math.max(0, list.total + content.countDelta) : undefined;
  const countText = !list.hasFirstPage
    ? '…'
    : total !== undefined ? format.count(total) : `${format.count(Math.max(0, loaded))}${list.hasMore ? '+' : ''}`;
  const totals = columnTotals(list, content);
  const weighted = stage.outcome === 'won' || stage.outcome === 'lost' ? undefined : weightedOf(stage, list, content, totals);
  return {
    stageId: stage.id,
    name: stage.name,
    outcome: stage.outcome,
    countText,
    totalsText: format.totals(totals),
    weightedText: weighted && weighted.totals.length ? format.totals(weighted.totals) : undefined,
    weightedPartial: weighted?.partial ?? false,
    loaded: Math.max(0, loaded),
    total,
    hasMore: list.hasMore,
    loading: list.isLoading,
    error,
    cards: content.cards,
  };
}

/** The stage's totals per currency: the CRM's own when it gave them, else summed when every deal is loaded. */
function columnTotals(list: ListState, content: ColumnContent): Money[] | undefined {
  const base = list.totals ?? (list.hasFirstPage && !list.hasMore ? totalsByCurrency(list.items.map((d) => d.amount)) : undefined);
  if (!base) return undefined;
  if (content.amountDelta.length === 0) return base;
  return totalsByCurrency([...base, ...content.amountDelta]).filter((m) => m.minor !== '0');
}

/**
 * Weighted totals: each deal's probability, else its stage's. Exact for the whole stage when every
 * deal is loaded, or when no loaded deal has its own probability and the CRM gave the stage's
 * totals (then it is the stage total × the stage probability); otherwise over the loaded deals only.
 */
function weightedOf(stage: Stage, list: ListState, content: ColumnContent, totals: Money[] | undefined): { totals: Money[]; partial: boolean } | undefined {
  const weighted: Weighted[] = [];
  let ownProbability = false;
  for (const deal of content.deals) {
    if (deal.probability !== undefined) ownProbability = true;
    const probability = deal.probability ?? stage.probability;
    if (deal.amount && probability !== undefined) weighted.push({ amount: deal.amount, probability });
  }
  if (!ownProbability && stage.probability === undefined) return undefined;
  const complete = list.hasFirstPage && !list.hasMore;
  if (!complete && !ownProbability && stage.probability !== undefined && totals) {
    return { totals: scaleTotals(totals, stage.probability), partial: false };
  }
  return { totals: weightedTotals(weighted), partial: !complete };
}
