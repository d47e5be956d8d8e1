/** Case- and accent-insensitive form: "Fünke" is found by "funke". */
export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}

/**
 * How well a text matches an already folded query: 0 the text starts with it, 1 one of its words
 * does, 2 it is inside; undefined when absent.
 */
export function matchRank(text: string | undefined, foldedQuery: string): number | undefined {
  if (!text || !foldedQuery) return undefined;
  const folded = foldForSearch(text);
  const at = folded.indexOf(foldedQuery);
  if (at < 0) return undefined;
  if (at === 0) return 0;
  return folded.split(/[^\p{L}\p{N}]+/u).some((word) => word.startsWith(foldedQuery)) ? 1 : 2;
}

/**
 * A CRM's search results reordered best first by their name: a prefix, then a word's prefix, then
 * any substring, then results that matched on other fields (the CRM's own search looks wider).
 * Stable: within a rank the CRM's order stays.
 */
export function rankByName<T>(items: readonly T[], text: string, nameOf: (item: T) => string | undefined): T[] {
  const query = foldForSearch(text.trim());
  return items
    .map((item, index) => ({ item, index, rank: matchRank(nameOf(item), query) ?? 3 }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.item);
}

/** The number of results to ask for: a whole number within what the CRM serves per page. */
export function searchLimit(limit: number, max: number): number {
  return Math.max(0, Math.min(max, Math.floor(limit)));
}
