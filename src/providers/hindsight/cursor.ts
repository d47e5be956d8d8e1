/**
 * A stage's paging position: Hindsight pages by `page_index` and answers with a bare array (no
 * total, no "more" flag), so the cursor is the page to ask for. Opaque to callers.
 */
const CURSOR = /^\d{1,9}$/;

export function formatCursor(pageIndex: number): string {
  return String(pageIndex);
}

/** The page index: 0 for no cursor; undefined for text that is not one of ours. */
export function parseCursor(text: string | undefined): number | undefined {
  if (text === undefined) return 0;
  return CURSOR.test(text) ? Number(text) : undefined;
}
