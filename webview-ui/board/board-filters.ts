import type { BoardCard, BoardColumn } from '../../src/protocol/board-messages';

export interface BoardFilters {
  /** Matches the deal's name or owner, case- and accent-insensitively. */
  text: string;
  /** An owner's id, or '' for everyone. */
  ownerId: string;
  /** Hides won and lost deals, and won and lost stages. */
  hideClosed: boolean;
}

export const NO_FILTERS: BoardFilters = { text: '', ownerId: '', hideClosed: false };

export function isFiltering(filters: BoardFilters): boolean {
  return filters.text.trim() !== '' || filters.ownerId !== '' || filters.hideClosed;
}

/** The columns left once won and lost stages are hidden. */
export function visibleColumns(columns: readonly BoardColumn[], filters: BoardFilters): BoardColumn[] {
  return filters.hideClosed ? columns.filter((c) => c.outcome !== 'won' && c.outcome !== 'lost') : [...columns];
}

/** A column's cards that pass the filters, in the column's order. Memoised per column object. */
export function createCardFilter(): (column: BoardColumn, filters: BoardFilters) => readonly BoardCard[] {
  const cache = new WeakMap<BoardColumn, { key: string; cards: readonly BoardCard[] }>();
  return (column, filters) => {
    const key = JSON.stringify(filters);
    const hit = cache.get(column);
    if (hit && hit.key === key) return hit.cards;
    const needle = fold(filters.text.trim());
    const cards = isFiltering(filters)
      ? column.cards.filter((card) =>
        (!filters.hideClosed || (card.outcome !== 'won' && card.outcome !== 'lost'))
        && (!filters.ownerId || card.owner?.id === filters.ownerId)
        && (!needle || fold(card.name).includes(needle) || fold(card.owner?.name ?? '').includes(needle)))
      : column.cards;
    cache.set(column, { key, cards });
    return cards;
  };
}

/** Everyone who owns a loaded card, by name, for the owner filter. */
export function ownersOf(columns: readonly BoardColumn[]): { id: string; name: string }[] {
  const owners = new Map<string, string>();
  for (const column of columns) for (const card of column.cards) if (card.owner) owners.set(card.owner.id, card.owner.name);
  return [...owners.entries()].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}
