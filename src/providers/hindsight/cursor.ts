/**
 * A stage's paging position: Hindsight pages by `page_index` and answers with a bare array (no
 * total, no "more" flag). The cursor carries the page to ask for and, once counted, the stage's
 * total, so the last page is known without asking for an empty one. Opaque to callers.
 */
export interface StageCursor {
  pageIndex: number;
  total?: number;
}

const CURSOR = /^(\d{1,9})(?::(\d{1,12}))?$/;

export function formatCursor(cursor: StageCursor): string {
  return cursor.total === undefined ? String(cursor.pageIndex) : `${cursor.pageIndex}:${cursor.total}`;
}

/** The first page for no cursor; undefined for text that is not one of ours. */
export function parseCursor(text: string | undefined): StageCursor | undefined {
  if (text === undefined) return { pageIndex: 0 };
  const match = CURSOR.exec(text);
  if (!match) return undefined;
  const pageIndex = Number(match[1]);
  const total = match[2] === undefined ? undefined : Number(match[2]);
  return total === undefined ? { pageIndex } : { pageIndex, total };
}
