import { z } from 'zod';
import { OutcomeSchema } from '../model';
import { ErrorInfoSchema } from './messages';

/**
 * The one message union between a pipeline board and its host, validated on both sides. The
 * webview only names deals and stages of the board it shows; the host decides what may be done.
 * Money and dates arrive already formatted in the user's locale: the webview does no arithmetic.
 */

const Id = z.string().min(1).max(512);

export const BoardCardSchema = z.object({
  id: Id,
  name: z.string(),
  /** "$1,200 / month", formatted exactly. */
  amount: z.string().optional(),
  owner: z.object({ id: z.string(), name: z.string() }).optional(),
  /** The expected close day, formatted. */
  closeDate: z.string().optional(),
  /** The earliest open task's due moment, formatted; overdue when it has passed. */
  nextDue: z.object({ text: z.string(), overdue: z.boolean() }).optional(),
  /** Days since the deal last changed, when that is at least the "stale" setting. */
  staleDays: z.number().int().nonnegative().optional(),
  outcome: OutcomeSchema,
  /** Why this card cannot be moved (no access to the deal), when it cannot. */
  locked: z.string().optional(),
  /** A move of this card is being written. */
  saving: z.boolean(),
  /** The last move of this card failed (or was refused): shown on the card, with Retry when retryable. */
  error: ErrorInfoSchema.optional(),
});
export type BoardCard = z.infer<typeof BoardCardSchema>;

export const BoardColumnSchema = z.object({
  stageId: Id,
  name: z.string(),
  outcome: OutcomeSchema,
  /** Deals in the stage ("128"), or loaded so far ("50+") while the CRM gives no count. */
  countText: z.string(),
  /** Totals per currency ("$48,200 + €3,100"), empty when not known. */
  totalsText: z.string(),
  /** Weighted totals per currency, where deals or the stage carry a probability. */
  weightedText: z.string().optional(),
  /** The weighted total covers only the deals loaded so far. */
  weightedPartial: z.boolean(),
  /** How many deals are loaded, and how many the stage has when known. */
  loaded: z.number().int().nonnegative(),
  total: z.number().int().nonnegative().optional(),
  hasMore: z.boolean(),
  loading: z.boolean(),
  /** Loading a page of this stage failed. */
  error: ErrorInfoSchema.optional(),
  cards: z.array(BoardCardSchema),
});
export type BoardColumn = z.infer<typeof BoardColumnSchema>;

export const BoardViewSchema = z.object({
  accountId: Id,
  accountLabel: z.string(),
  providerName: z.string(),
  pipelineId: Id,
  pipelineName: z.string(),
  /** Set when this CRM cannot move deals: the board says why and offers no moves. */
  readOnly: z.string().optional(),
  /** The CRM keeps won/lost on the deal (ActiveCampaign): offer Won and Lost drop zones. */
  outcomeZones: z.boolean(),
  /** The pipeline's own note (e.g. stages inferred), shown under the title. */
  note: z.string().optional(),
  /** Why next task dates are not shown, when they are not. */
  tasksNote: z.string().optional(),
  locale: z.string().optional(),
  columns: z.array(BoardColumnSchema),
});
export type BoardView = z.infer<typeof BoardViewSchema>;

export const MoveTargetSchema = z.union([
  z.object({ stageId: Id }),
  z.object({ outcome: z.enum(['won', 'lost']) }),
]);
export type MoveTarget = z.infer<typeof MoveTargetSchema>;

export const BoardToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** Fetch the pipeline again from the CRM. */
  z.object({ type: z.literal('reload') }),
  /** The column scrolled near its end, or "Load more"/Retry was chosen: fetch its next page. */
  z.object({ type: z.literal('loadMore'), stageId: Id }),
  z.object({ type: z.literal('move'), dealId: Id, fromStageId: Id, target: MoveTargetSchema }),
  /** Try the card's failed move again. */
  z.object({ type: z.literal('retry'), dealId: Id }),
  /** Clear the error shown on a card. */
  z.object({ type: z.literal('dismiss'), dealId: Id }),
  z.object({ type: z.literal('openDeal'), dealId: Id }),
]);
export type BoardToHost = z.infer<typeof BoardToHostSchema>;

export const HostToBoardSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loading') }),
  z.object({ type: z.literal('loadError'), error: ErrorInfoSchema }),
  /** The whole board: after load, reload and setting changes. */
  z.object({ type: z.literal('board'), view: BoardViewSchema }),
  /** Columns that changed (a page arrived, a move, an edit elsewhere), replacing those with the same stageId. */
  z.object({ type: z.literal('columns'), columns: z.array(BoardColumnSchema) }),
  /** A sentence for screen readers (aria-live): a move started, was saved, or failed. */
  z.object({ type: z.literal('announce'), text: z.string().max(2000) }),
]);
export type HostToBoard = z.infer<typeof HostToBoardSchema>;
