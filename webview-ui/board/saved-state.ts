import { z } from 'zod';
import { NO_FILTERS, type BoardFilters } from './board-filters';

/** What the board keeps with VS Code while hidden: its filters and the card last focused. */
const SavedState = z.object({
  filters: z.object({ text: z.string().max(500), ownerId: z.string().max(512), hideClosed: z.boolean() }),
  activeDealId: z.string().max(512).optional(),
  accountId: z.string().max(512).optional(),
  pipelineId: z.string().max(512).optional(),
});

export function readSavedState(raw: unknown): { filters: BoardFilters; activeDealId?: string } {
  const parsed = SavedState.safeParse(raw);
  return parsed.success ? parsed.data : { filters: NO_FILTERS };
}
