import { foldForSearch, matchRank } from '../shared/search-rank';
import type { StoredDeal } from './schemas';

/**
 * Deals whose name, company or contact contains the text, best first: a prefix before a word's
 * prefix before any substring, and a match on the name before one on the company or contact.
 */
export function searchStoredDeals(deals: readonly StoredDeal[], text: string, limit: number): StoredDeal[] {
  const query = foldForSearch(text.trim());
  const max = Math.max(0, Math.floor(limit));
  if (!query || max === 0) return [];
  const scored: { deal: StoredDeal; score: number }[] = [];
  for (const deal of deals) {
    const name = matchRank(deal.name, query);
    const others = [matchRank(deal.company?.name, query), matchRank(deal.contact?.name, query)].filter((r): r is number => r !== undefined);
    const best = Math.min(name === undefined ? Infinity : name * 2, ...others.map((r) => r * 2 + 1));
    if (best !== Infinity) scored.push({ deal, score: best });
  }
  scored.sort((a, b) => a.score - b.score || a.deal.name.localeCompare(b.deal.name) || (a.deal.id < b.deal.id ? -1 : 1));
  return scored.slice(0, max).map((s) => s.deal);
}
