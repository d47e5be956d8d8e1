import { z } from 'zod';

/** A due moment: a whole day or an exact instant, kept apart so a date never gains a time zone. */
export const DueSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), value: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
  z.object({ kind: z.literal('datetime'), value: z.string() }),
]);
export type Due = z.infer<typeof DueSchema>;

export const TaskSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  body: z.string().optional(),
  due: DueSchema.optional(),
  done: z.boolean(),
  /** TODO / IN_PROGRESS / DONE for CRMs with more than two states (Twenty). */
  status: z.string().optional(),
  assignee: z.object({ id: z.string(), name: z.string() }).optional(),
  /** Why this task cannot be changed, when it cannot (e.g. Spott documents no task update). */
  readOnlyReason: z.string().optional(),
});
export type Task = z.infer<typeof TaskSchema>;
