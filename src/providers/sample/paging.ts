import { type Money, type Page, totalsByCurrency } from '../../model';
import type { StoredDeal } from './schemas';

export const SAMPLE_PAGE_SIZE = 50;

/** Where the previous page ended: the position in the stable order, not an offset, so edits never shift a page. */
interface CursorPosition {
  stageId: string;
  createdAt: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.stageId, position.createdAt, position.id]), 'utf8').toString('base64url');
}

/** Undefined when the text is not a cursor this provider made. */
export function decodeCursor(cursor: string): CursorPosition | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'string')) {
      const [stageId, createdAt, id] = value as [string, string, string];
      return { stageId, createdAt, id };
    }
  } catch {
    // Not ours: reported by the caller.
  }
  return undefined;
}

/** Newest first, then by id: createdAt never changes, so the order is stable across edits. */
function compareDeals(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  return Date.parse(b.createdAt) - Date.parse(a.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One page of a stage's deals, with the count and per-currency totals of the whole stage. */
export function pageOfStage(stageDeals: readonly StoredDeal[], stageId: string, after?: CursorPosition): Page<StoredDeal> {
  const ordered = [...stageDeals].sort(compareDeals);
  const start = after ? ordered.findIndex((deal) => compareDeals(deal, after) > 0) : 0;
  const items = start < 0 ? [] : ordered.slice(start, start + SAMPLE_PAGE_SIZE);
  const last = items.at(-1);
  const hasMore = start >= 0 && start + SAMPLE_PAGE_SIZE < ordered.length;
  const totals: Money[] = totalsByCurrency(stageDeals.map((deal) => deal.amount));
  return {
    items,
    ...(hasMore && last ? { next: encodeCursor({ stageId, createdAt: last.createdAt, id: last.id }) } : {}),
    total: stageDeals.length,
    totals,
  };
}
