import type { Deal } from '../model';

/**
 * How well a deal matches the query, best first. Names rank above other fields because the quick
 * pick shows the name: a result matched only by its company looks unrelated unless it comes last.
 */
export const MatchTier = {
  Exact: 0,
  Prefix: 1,
  WordPrefix: 2,
  Contains: 3,
  /** The name does not contain the query: the CRM matched another field (company, contact, notes). */
  Other: 4,
} as const;
export type MatchTier = (typeof MatchTier)[keyof typeof MatchTier];

/** Case- and accent-insensitive form, so "Müller" is found by "muller" as the CRMs' own searches do. */
export function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The tier of a name for a normalized query; `undefined` when the name does not match at all. */
export function nameTier(name: string, query: string): MatchTier | undefined {
  const text = normalize(name);
  if (!query) return undefined;
  if (text === query) return MatchTier.Exact;
  if (text.startsWith(query)) return MatchTier.Prefix;
  const nameWords = text.split(/[^\p{L}\p{N}]+/u);
  if (nameWords.some((word) => word.startsWith(query))) return MatchTier.WordPrefix;
  if (text.includes(query)) return MatchTier.Contains;
  // Each word of the query starting its own word of the name: "acme renewal" finds "Renewal 2026 – ACME".
  const words = query.split(' ');
  if (words.length > 1) {
    const unused = [...nameWords];
    const allFound = words.every((word) => {
      const at = unused.findIndex((n) => n.startsWith(word));
      if (at >= 0) unused.splice(at, 1);
      return at >= 0;
    });
    if (allFound) return MatchTier.Contains;
  }
  return undefined;
}

/** The tier of a deal a CRM returned for the query: by its name, else "matched elsewhere". */
export function serverResultTier(deal: Deal, query: string): MatchTier {
  return nameTier(deal.name, query) ?? MatchTier.Other;
}

/**
 * Matches deals already loaded, for CRMs without a server-side search: the name first, then the
 * company and contact names that the tree's tooltip shows. Keeps the given order within a tier.
 */
export function matchLoadedDeals(deals: readonly Deal[], query: string, limit: number): { deal: Deal; tier: MatchTier }[] {
  const matches: { deal: Deal; tier: MatchTier; index: number }[] = [];
  deals.forEach((deal, index) => {
    const tier = nameTier(deal.name, query)
      ?? ([deal.company?.name, deal.contact?.name].some((other) => other && normalize(other).includes(query)) ? MatchTier.Other : undefined);
    if (tier !== undefined) matches.push({ deal, tier, index });
  });
  return matches
    .sort((a, b) => a.tier - b.tier || a.index - b.index)
    .slice(0, limit)
    .map(({ deal, tier }) => ({ deal, tier }));
}
