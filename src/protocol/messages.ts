import { z } from 'zod';
import { DealSchema, FieldDefSchema, PersonRefSchema, StageSchema, TaskSchema } from '../model';
import { DealPatchSchema, TaskInputSchema, TaskPatchSchema } from './deal-patch';

/**
 * The one message union between the deal panel host and its webview, validated on both sides.
 * Requests carry a `requestId` the reply echoes. The webview never names a command: it can only
 * ask for these operations on the deal the panel was opened for.
 */

const RequestId = z.string().min(1).max(64);

/** Which field an edit is for: its errors are shown beside that field. */
export const FieldRefSchema = z.union([
  z.object({ kind: z.literal('standard'), name: z.enum(['name', 'stageId', 'amount', 'amountPeriod', 'expectedClose', 'ownerId', 'outcome', 'probability', 'description']) }),
  z.object({ kind: z.literal('custom'), key: z.string().min(1) }),
]);
export type FieldRef = z.infer<typeof FieldRefSchema>;

export const WebviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('refresh') }),
  z.object({
    type: z.literal('edit'), requestId: RequestId, field: FieldRefSchema, patch: DealPatchSchema,
    /** The deal's updatedAt the edit was based on; a newer one on the server is a conflict. */
    basedOn: z.string().optional(),
    /** Set after the user chose "Overwrite" on a conflict. */
    overwrite: z.boolean().optional(),
  }),
  z.object({ type: z.literal('createTask'), requestId: RequestId, input: TaskInputSchema }),
  z.object({ type: z.literal('updateTask'), requestId: RequestId, taskId: z.string().min(1), patch: TaskPatchSchema }),
  z.object({ type: z.literal('deleteTask'), requestId: RequestId, taskId: z.string().min(1) }),
  z.object({ type: z.literal('openInCrm') }),
  /** A url field's "open": the host opens http(s) links only. */
  z.object({ type: z.literal('openUrl'), url: z.string().max(4000) }),
]);
export type WebviewToHost = z.infer<typeof WebviewToHostSchema>;

export const CapabilitiesSchema = z.object({
  updateDeal: z.boolean(), moveStage: z.boolean(), setOutcome: z.boolean(), updateCustomFields: z.boolean(),
  listTasks: z.boolean(), createTask: z.boolean(), updateTask: z.boolean(), completeTask: z.boolean(),
  deleteTask: z.boolean(), search: z.boolean(), openTasks: z.boolean(),
});

/** Everything the panel draws, sent on load and after each refresh. */
export const DealViewSchema = z.object({
  /** With deal.id, what the webview keeps in its state so the panel comes back after a reload. */
  accountId: z.string(),
  accountLabel: z.string(),
  providerName: z.string(),
  capabilities: CapabilitiesSchema,
  /** Standard fields this CRM lacks or will not change, with the reason (read-only in the panel). */
  fixedFields: z.record(z.string(), z.string()).optional(),
  /** Shown at the top when the CRM cannot write (Hindsight) or has other limits. */
  note: z.string().optional(),
  hasWebUrl: z.boolean(),
  deal: DealSchema,
  stages: z.array(StageSchema),
  fields: z.array(FieldDefSchema),
  tasks: z.array(TaskSchema),
  users: z.array(PersonRefSchema),
  raw: z.record(z.string(), z.unknown()),
  locale: z.string().optional(),
});
export type DealView = z.infer<typeof DealViewSchema>;

export const ErrorInfoSchema = z.object({
  kind: z.string(),
  /** The whole sentence, naming the account and what failed. */
  message: z.string(),
  /** The CRM's own words, when it gave any. */
  detail: z.string().optional(),
  fieldErrors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  retryable: z.boolean(),
});
export type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

export const HostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('loading') }),
  /** `read` numbers the host's reads: the same view may come twice (sent early, then for 'ready'). */
  z.object({ type: z.literal('init'), view: DealViewSchema, read: z.number().int().nonnegative().optional() }),
  z.object({ type: z.literal('loadError'), error: ErrorInfoSchema }),
  /** The edit was stored: `deal` is what the CRM stored, to replace the optimistic value. */
  z.object({ type: z.literal('edited'), requestId: RequestId, deal: DealSchema }),
  /** The edit failed: restore the previous value, show the error beside the field, keep the draft. */
  z.object({ type: z.literal('editFailed'), requestId: RequestId, error: ErrorInfoSchema }),
  /** The deal changed in the CRM since the panel loaded it: offer Reload or Overwrite. */
  z.object({ type: z.literal('conflict'), requestId: RequestId, current: DealSchema }),
  /** A task operation succeeded: the deal's tasks as the CRM now has them. */
  z.object({ type: z.literal('tasksChanged'), requestId: RequestId, tasks: z.array(TaskSchema) }),
  z.object({ type: z.literal('taskFailed'), requestId: RequestId, error: ErrorInfoSchema }),
  /** The deal changed elsewhere in this window (the tree, another edit): redraw what is not being edited. */
  z.object({ type: z.literal('dealUpdated'), deal: DealSchema }),
]);
export type HostToWebview = z.infer<typeof HostToWebviewSchema>;
